using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.Writing;

/// <summary>More than the buffers hold, and many threads at once: every trace is sent or dropped, and the meter says which, exactly.</summary>
public sealed class TraceWriterLoadTests : NativeTest, IAsyncLifetime
{
    private readonly TestAgent _agent = TestAgent.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Conformance.SetSendDelay(0);
        await _agent.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task A_burst_larger_than_both_buffers_drops_exactly_the_excess(TracePipelineKind pipeline)
    {
        using var metrics = new MeterCapture();
        var logger = new ListLogger();

        // The first flush stalls, so the front fills up while the back is still being sent.
        StallSends(pipeline, TimeSpan.FromSeconds(3));
        var options = new TraceWriterOptions { FlushInterval = TimeSpan.FromHours(1), MaxBufferedSpans = 30, DisposeTimeout = TimeSpan.FromSeconds(30) };
        List<IReadOnlyList<TestSpan>> traces = Spans.Batch(traces: 35, spansPerTrace: 3);
        TraceWriter<TestSpan> writer = Writers.Create(pipeline, _agent.Url, options, logger);

        bool[] buffered = [.. traces.Select(writer.Write)];
        Conformance.SetSendDelay(0);
        await writer.DisposeAsync();

        // Ten traces fill a buffer: the tenth hands it to the send, the next ten fill the other, the rest find both full.
        Assert.Equal([.. Enumerable.Repeat(true, 20), .. Enumerable.Repeat(false, 15)], buffered);
        ExpectedSpan.AssertTraces(traces.Take(20).ToList(), Writers.Received(pipeline, _agent));
        (double sent, Dictionary<string, double> dropped) = Writers.AssertAccounted(metrics, pipeline, traces: 35, spans: 105);
        Assert.Equal(20, sent);
        Assert.Equal(15, dropped["buffer_full"]);
        Assert.Equal(45, metrics.Sum("spanmarshal.spans.dropped", ("reason", "buffer_full")));
        Assert.Equal(15, dropped.Values.Sum());
        Assert.Equal((1, 1), (metrics.Sum("spanmarshal.flushes", ("reason", "size")), metrics.Sum("spanmarshal.flushes", ("reason", "dispose"))));

        // One warning per flush with the drops since the last: two when the first flush started after some drops.
        Assert.Equal(15, logger.Entries.Where(e => e.Id.Id == 301).Sum(e => int.Parse(Regex.Match(e.Message, @"(\d+) trace\(s\)").Groups[1].Value, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task Sixteen_threads_writing_at_once_account_for_every_trace_and_send_every_buffered_one_intact(TracePipelineKind pipeline)
    {
        const int Threads = 16;
        const int PerThread = 300;
        using var metrics = new MeterCapture();
        var options = new TraceWriterOptions { FlushInterval = TimeSpan.FromMilliseconds(5), MaxBufferedSpans = 300, DisposeTimeout = TimeSpan.FromSeconds(30) };
        List<IReadOnlyList<TestSpan>> traces = Spans.Batch(traces: Threads * PerThread, spansPerTrace: 2);
        var buffered = new ConcurrentBag<IReadOnlyList<TestSpan>>();
        TraceWriter<TestSpan> writer = Writers.Create(pipeline, _agent.Url, options);
        using var start = new Barrier(Threads);

        Thread[] threads = [.. Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            foreach (IReadOnlyList<TestSpan> trace in traces.Skip(t * PerThread).Take(PerThread))
            {
                if (writer.Write(trace))
                {
                    buffered.Add(trace);
                }
            }
        }))];
        Array.ForEach(threads, t => t.Start());
        Array.ForEach(threads, t => t.Join());
        await writer.DisposeAsync();

        (double sent, Dictionary<string, double> dropped) = Writers.AssertAccounted(metrics, pipeline, traces: Threads * PerThread, spans: Threads * PerThread * 2);
        Assert.Equal(buffered.Count, sent);
        Assert.Equal(Threads * PerThread - buffered.Count, dropped["buffer_full"]);
        ExpectedSpan.AssertTraces(
            [.. buffered.OrderBy(t => t[0].SpanId)],
            [.. Writers.Received(pipeline, _agent).OrderBy(t => t[0].SpanId)]);
    }

    private void StallSends(TracePipelineKind pipeline, TimeSpan stall)
    {
        if (pipeline == TracePipelineKind.Managed)
        {
            _agent.EnqueueReply(AgentReply.Stall(stall));
        }
        else
        {
            Conformance.SetSendDelay((int)stall.TotalMilliseconds);
        }
    }
}
