using Xunit;

namespace SpanMarshal.Tests.Support;

/// <summary>The promise of docs/reliability.md: every trace handed to a send is accounted for, in the response and in the health metrics alike.</summary>
public static class Accounting
{
    /// <summary>Every one of <paramref name="traceCount"/> traces is accepted, rejected, not attempted or dropped, and the metrics count what the response counts.</summary>
    public static void AssertAccounted(TraceExporterResponse response, int traceCount, MeterCapture? metrics = null)
    {
        Assert.Equal(traceCount, response.AcceptedTraceCount + response.RejectedTraceCount + response.NotAttemptedTraceCount + response.DroppedTraceCount);
        Assert.Equal(response.AcceptedTraceCount + response.RejectedTraceCount, response.TraceCount);
        if (metrics is not null)
        {
            AssertMetricsMatch(metrics, response);
        }
    }

    /// <summary>The health metrics recorded since <paramref name="metrics"/> started count what <paramref name="response"/> counts.</summary>
    public static void AssertMetricsMatch(MeterCapture metrics, TraceExporterResponse response)
    {
        Assert.Equal(response.AcceptedTraceCount, metrics.Sum("spanmarshal.traces.sent"));
        Assert.Equal(response.RejectedTraceCount, metrics.Sum("spanmarshal.traces.dropped", ("reason", "rejected")) + metrics.Sum("spanmarshal.traces.dropped", ("reason", "send_failed")));
        Assert.Equal(response.NotAttemptedTraceCount, metrics.Sum("spanmarshal.traces.dropped", ("reason", "not_attempted")));
        Assert.Equal(response.DroppedTraceCount, metrics.Sum("spanmarshal.traces.dropped", ("reason", "invalid")) + metrics.Sum("spanmarshal.traces.dropped", ("reason", "too_large")));
        Assert.Equal(response.DroppedSpanCount, metrics.Sum("spanmarshal.spans.dropped", ("reason", "invalid")) + metrics.Sum("spanmarshal.spans.dropped", ("reason", "too_large")));
    }
}
