using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.Writing;

/// <summary>An agent that is down, comes back, or stalls while the writer is disposed.</summary>
public sealed class TraceWriterFailureTests : NativeTest, IAsyncLifetime
{
    private static readonly TraceWriterOptions NoIntervalFlush = new() { FlushInterval = TimeSpan.FromHours(1) };

    private readonly TestAgent _agent = TestAgent.Start();
    private readonly string _socket = Path.Combine(Path.GetTempPath(), $"spanmarshal-writer-{Guid.NewGuid():N}.sock");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Conformance.SetSendDelay(0);
        await _agent.DisposeAsync();
        File.Delete(_socket);
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task An_agent_down_then_up_loses_only_what_was_flushed_while_it_was_down(TracePipelineKind pipeline)
    {
        using var metrics = new MeterCapture();
        var logger = new ListLogger();
        List<IReadOnlyList<TestSpan>> traces = Spans.Batch(traces: 8, spansPerTrace: 2);
        TestAgent? agent = null;
        if (pipeline == TracePipelineKind.LibDatadog)
        {
            Conformance.Fail("ddog_trace_exporter_send_trace_chunks", TraceExporterErrorCode.ConnectionRefused, nth: 1);
        }

        TraceWriter<TestSpan> writer = Writers.Create(pipeline, new Uri("unix://" + _socket), NoIntervalFlush, logger);
        try
        {
            traces.Take(4).ToList().ForEach(trace => writer.Write(trace));
            await writer.FlushAsync();
            agent = pipeline == TracePipelineKind.Managed ? TestAgent.StartUnix(_socket) : _agent;
            traces.Skip(4).ToList().ForEach(trace => writer.Write(trace));
            await writer.FlushAsync();
        }
        finally
        {
            await writer.DisposeAsync();
        }

        IReadOnlyList<IReadOnlyList<ReceivedSpan>> received = Writers.Received(pipeline, agent);
        ExpectedSpan.AssertTraces(traces.Skip(4).ToList(), pipeline == TracePipelineKind.Managed ? received : received.Skip(4).ToList());
        (double sent, Dictionary<string, double> dropped) = Writers.AssertAccounted(metrics, pipeline, traces: 8, spans: 16);
        Assert.Equal((4, 4), (sent, dropped["send_failed"]));
        Assert.Equal(1, logger.Count(302));
        if (agent != _agent)
        {
            await agent!.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_down_agent_costs_neither_memory_beyond_the_limits_nor_a_flush_per_interval()
    {
        const int Limit = 100;
        using var metrics = new MeterCapture();
        var options = new TraceWriterOptions { FlushInterval = TimeSpan.FromMilliseconds(10), MaxBufferedSpans = Limit };
        TraceWriter<TestSpan> writer = Writers.Create(TracePipelineKind.Managed, new Uri("unix://" + _socket), options);
        List<IReadOnlyList<TestSpan>> traces = Spans.Batch(traces: 100, spansPerTrace: 2);
        double mostBuffered = 0;
        int written = 0;

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(1.5))
        {
            foreach (IReadOnlyList<TestSpan> trace in traces)
            {
                writer.Write(trace);
                written++;
            }

            mostBuffered = Math.Max(mostBuffered, metrics.Observe("spanmarshal.spans.buffered"));
            await Task.Delay(5);
        }

        double flushes = metrics.Sum("spanmarshal.flushes");
        await writer.DisposeAsync();

        // Without back-off: a flush per 10 ms interval and more on size, 150 or more in 1.5 s.
        Assert.InRange(flushes, 2, 12);
        Assert.InRange(mostBuffered, 1, 2 * Limit);
        (double sent, Dictionary<string, double> dropped) = Writers.AssertAccounted(metrics, TracePipelineKind.Managed, traces: written, spans: 2 * written);
        Assert.Equal(0, sent);
        Assert.True(dropped["buffer_full"] > 0 && dropped["send_failed"] > 0);
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task Disposing_during_a_stalled_flush_returns_on_time_and_counts_what_was_not_sent(TracePipelineKind pipeline)
    {
        using var metrics = new MeterCapture();
        var logger = new ListLogger();
        if (pipeline == TracePipelineKind.Managed)
        {
            _agent.EnqueueReply(AgentReply.Stall(TimeSpan.FromSeconds(30)));
        }
        else
        {
            Conformance.SetSendDelay(30_000);
        }

        var options = new TraceWriterOptions { FlushInterval = TimeSpan.FromHours(1), MaxBufferedSpans = 6, DisposeTimeout = TimeSpan.FromMilliseconds(300) };
        TraceWriter<TestSpan> writer = Writers.Create(pipeline, _agent.Url, options, logger);
        List<IReadOnlyList<TestSpan>> traces = Spans.Batch(traces: 5, spansPerTrace: 2);

        // The third trace fills the buffer and starts the stalled send; the last two wait in the other.
        traces.ForEach(trace => Assert.True(writer.Write(trace)));
        await WaitForSendInFlightAsync(pipeline);
        var clock = Stopwatch.StartNew();
        await writer.DisposeAsync();
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"dispose took {clock.Elapsed}");
        (double sent, Dictionary<string, double> dropped) = Writers.AssertAccounted(metrics, pipeline, traces: 5, spans: 10);
        Assert.Equal((0, 5), (sent, dropped["shutdown"]));
        Assert.Equal(1, logger.Count(305));
    }

    private async Task WaitForSendInFlightAsync(TracePipelineKind pipeline)
    {
        if (pipeline == TracePipelineKind.Managed)
        {
            await _agent.WaitForRequestsAsync(1, TimeSpan.FromSeconds(20));
            return;
        }

        var clock = Stopwatch.StartNew();
        while (Conformance.SendsInProgress() == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the send never started");
            await Task.Delay(5);
        }
    }
}
