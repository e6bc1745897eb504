using System.Collections.Generic;
using System.Linq;
using SpanMarshal.Pipelines.Managed;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.Managed;

/// <summary>
/// A batch larger than a request goes out as several requests, marshalled and sent request by
/// request, and every trace ends up accepted, rejected, not attempted or dropped.
/// </summary>
public sealed class SendAccountingTests : System.IDisposable
{
    // Three typical traces of three spans fit in one request of this size, a fourth does not.
    private static readonly int RequestLimit = (Encoded.Run(Spans.Batch(traces: 1, spansPerTrace: 3)).Bodies[0].Length * 7) / 2;

    private readonly TestAgent _agent = TestAgent.Start();

    public void Dispose() => _agent.Dispose();

    [Fact]
    public void A_batch_fifty_requests_large_is_sent_request_by_request_in_buffers_of_at_most_two_requests()
    {
        var bytes = new CountingPool<byte>();
        var settings = ManagedHarness.FastRetries with { MaxRequestBytes = RequestLimit, Pools = new BufferPools(bytes, new CountingPool<int>()) };
        var traces = Spans.Batch(traces: 150, spansPerTrace: 3);
        using var exporter = ManagedHarness.Exporter(_agent.Url, settings);

        TraceExporterResponse response = exporter.SendTestSpans(traces);

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal((150, 150, 0, 0), (response.TraceCount, response.AcceptedTraceCount, response.RejectedTraceCount, response.NotAttemptedTraceCount));
        Assert.True(_agent.Requests.Count >= 150 * 3 * 300 / RequestLimit, $"{_agent.Requests.Count} requests");
        Assert.All(_agent.Requests, r => Assert.True(r.Body.Length <= RequestLimit, $"a {r.Body.Length}-byte request"));
        ExpectedSpan.AssertTraces(traces, _agent.Traces);
        Assert.True(bytes.Largest <= 2 * RequestLimit, $"a {bytes.Largest}-byte buffer was rented");
        Assert.Equal(0, bytes.Outstanding);
    }

    [Fact]
    public void After_a_400_that_concerns_one_request_the_later_requests_are_still_sent()
    {
        _agent.EnqueueReply(AgentReply.Accept);
        _agent.EnqueueReply(AgentReply.Status(400, "decode error"));
        using var exporter = ManagedHarness.Exporter(_agent.Url, ManagedHarness.FastRetries with { MaxRequestBytes = RequestLimit });

        TraceExporterResponse response = exporter.SendTestSpans(Spans.Batch(traces: 9, spansPerTrace: 3));

        Assert.True(response.IsClientError);
        Assert.Equal(400, response.HttpStatusCode);
        Assert.Contains("decode error", response.ErrorMessage, System.StringComparison.Ordinal);
        Assert.Equal((9, 6, 3, 0), (response.TraceCount, response.AcceptedTraceCount, response.RejectedTraceCount, response.NotAttemptedTraceCount));
        Assert.Equal(3, _agent.Requests.Count);
    }

    [Fact]
    public void After_a_request_fails_for_good_the_later_ones_are_not_attempted_counted_and_logged()
    {
        var logger = new ListLogger();
        _agent.EnqueueReply(AgentReply.Accept);
        _agent.DefaultReply = AgentReply.Status(503);
        using var exporter = ManagedHarness.Exporter(_agent.Url, ManagedHarness.FastRetries with { MaxRequestBytes = RequestLimit }, logger: logger);

        TraceExporterResponse response = exporter.SendTestSpans(Spans.Batch(traces: 9, spansPerTrace: 3));

        Assert.True(response.IsServerError);
        Assert.Equal((6, 3, 3, 3), (response.TraceCount, response.AcceptedTraceCount, response.RejectedTraceCount, response.NotAttemptedTraceCount));
        Assert.Equal(1 + ManagedHarness.FastRetries.MaxAttempts, _agent.Requests.Count);
        Assert.Equal(
            "SpanMarshal: 3 trace(s) of this send were not sent because an earlier request failed (the agent answered HTTP 503).",
            Assert.Single(logger.Entries, e => e.Id.Id == 5).Message);
    }

    [Fact]
    public void Every_trace_is_accepted_rejected_not_attempted_or_dropped()
    {
        List<IReadOnlyList<TestSpan>> traces = Spans.Batch(traces: 12, spansPerTrace: 3);
        traces.Insert(2, null!);
        traces.Insert(5, []);
        traces.Insert(7, [new TestSpan { SpanId = 0 }]);
        _agent.EnqueueReply(AgentReply.Accept);
        _agent.EnqueueReply(AgentReply.Status(413));
        _agent.DefaultReply = AgentReply.Status(404);
        using var exporter = ManagedHarness.Exporter(_agent.Url, ManagedHarness.FastRetries with { MaxRequestBytes = RequestLimit });

        TraceExporterResponse response = exporter.SendTestSpans(traces);

        Assert.Equal((3, 6, 3, 3), (response.AcceptedTraceCount, response.RejectedTraceCount, response.NotAttemptedTraceCount, response.DroppedTraceCount));
        Assert.Equal(traces.Count, response.AcceptedTraceCount + response.RejectedTraceCount + response.NotAttemptedTraceCount + response.DroppedTraceCount);
        Assert.Equal(3, _agent.Requests.Count);
        Assert.Equal(413, response.HttpStatusCode);
    }
}
