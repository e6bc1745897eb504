using System.Collections.Generic;
using System.Threading.Tasks;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests;

/// <summary>The health metrics say what the response says, in both pipelines.</summary>
public sealed class HealthMetricsTests : NativeTest
{
    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task Sent_and_dropped_traces_and_spans_are_counted_by_reason_and_the_send_is_timed(TracePipelineKind pipeline)
    {
        using var metrics = new MeterCapture();
        IReadOnlyList<IReadOnlyList<TestSpan>> traces =
        [
            [new TestSpan { SpanId = 1 }, new TestSpan { SpanId = 2 }, null!],
            null!,
            [new TestSpan { SpanId = 0 }],
            [new TestSpan { SpanId = 4 }, new TestSpan { SpanId = 5, Duration = -1 }],
        ];

        (TraceExporterResponse response, _) = await BothPipelines.SendAsync(pipeline, e => e.Send<TestSpan, TestSpanMarshaller>(traces));

        string name = pipeline == TracePipelineKind.Managed ? "managed" : "libdatadog";
        var byPipeline = ("spanmarshal.pipeline", (object?)name);
        var invalid = ("reason", (object?)"invalid");
        Assert.Equal((2, 2, 3), (response.AcceptedTraceCount, response.DroppedTraceCount, response.DroppedSpanCount));
        Assert.Equal(2, metrics.Sum("spanmarshal.traces.sent", byPipeline));
        Assert.Equal(3, metrics.Sum("spanmarshal.spans.sent", byPipeline));
        Assert.Equal(2, metrics.Sum("spanmarshal.traces.dropped", byPipeline, invalid));
        Assert.Equal(3, metrics.Sum("spanmarshal.spans.dropped", byPipeline, invalid));
        Assert.Equal(1, metrics.Sum("spanmarshal.requests", byPipeline, ("outcome", "ok")));
        Assert.Equal(1, metrics.Count("spanmarshal.send.duration"));
        Assert.Equal(pipeline == TracePipelineKind.Managed ? 1 : 0, metrics.Count("spanmarshal.bytes.sent"));
    }

    [Fact]
    public async Task Rejected_and_not_attempted_traces_are_counted_with_their_reason()
    {
        using var metrics = new MeterCapture();
        await using TestAgent agent = TestAgent.Start();
        agent.DefaultReply = AgentReply.Status(400);
        using var exporter = TraceExporter.Create(Managed.Support.ManagedHarness.Options(agent.Url));

        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>([[new TestSpan { SpanId = 1 }], [new TestSpan { SpanId = 2 }]]);

        Assert.Equal(2, response.RejectedTraceCount);
        Assert.Equal(2, metrics.Sum("spanmarshal.traces.dropped", ("reason", "rejected")));
        Assert.Equal(1, metrics.Sum("spanmarshal.requests", ("outcome", "client_error"), ("http.response.status_code", 400)));
    }
}
