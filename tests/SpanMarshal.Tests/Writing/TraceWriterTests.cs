using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.Writing;

/// <summary>What a tracer sees of the writer on a healthy agent: flushed on dispose, on the interval, on demand; sampling feedback; writes after dispose and failing getters.</summary>
public sealed class TraceWriterTests : NativeTest, IAsyncLifetime
{
    private static readonly TraceWriterOptions NoIntervalFlush = new() { FlushInterval = TimeSpan.FromHours(1) };

    private readonly TestAgent _agent = TestAgent.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task Disposing_sends_everything_written_field_by_field(TracePipelineKind pipeline)
    {
        using var metrics = new MeterCapture();
        List<IReadOnlyList<TestSpan>> traces = Spans.Batch(traces: 40, spansPerTrace: 3);
        TraceWriter<TestSpan> writer = Writers.Create(pipeline, _agent.Url, NoIntervalFlush);

        Assert.All(traces, trace => Assert.True(writer.Write(trace)));
        await writer.DisposeAsync();

        ExpectedSpan.AssertTraces(traces, Writers.Received(pipeline, _agent));
        (double sent, Dictionary<string, double> dropped) = Writers.AssertAccounted(metrics, pipeline, traces: 40, spans: 120);
        Assert.Equal(40, sent);
        Assert.All(dropped.Values, n => Assert.Equal(0, n));
        Assert.Equal(1, metrics.Sum("spanmarshal.flushes", ("reason", "dispose")));
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task The_interval_flushes_without_any_call(TracePipelineKind pipeline)
    {
        using var metrics = new MeterCapture();
        List<IReadOnlyList<TestSpan>> traces = Spans.Batch(traces: 3, spansPerTrace: 2);
        await using TraceWriter<TestSpan> writer = Writers.Create(pipeline, _agent.Url, new TraceWriterOptions { FlushInterval = TimeSpan.FromMilliseconds(50) });

        traces.ForEach(trace => writer.Write(trace));
        IReadOnlyList<IReadOnlyList<ReceivedSpan>> received = await EventuallyAsync(() => Writers.Received(pipeline, _agent), r => r.Count == 3);

        ExpectedSpan.AssertTraces(traces, received);
        Assert.True(metrics.Sum("spanmarshal.flushes", ("reason", "interval")) >= 1);

        // The agent holds the traces before the writer has read its answer and counted them.
        Assert.Equal(3, await EventuallyAsync(() => metrics.Sum("spanmarshal.traces.sent"), sent => sent >= 3));
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task FlushAsync_completes_once_what_was_written_before_it_was_sent(TracePipelineKind pipeline)
    {
        using var metrics = new MeterCapture();
        await using TraceWriter<TestSpan> writer = Writers.Create(pipeline, _agent.Url, NoIntervalFlush);
        List<IReadOnlyList<TestSpan>> traces = Spans.Batch(traces: 5, spansPerTrace: 2);

        traces.ForEach(trace => writer.Write(trace));
        await writer.FlushAsync();

        ExpectedSpan.AssertTraces(traces, Writers.Received(pipeline, _agent));
        Assert.Equal(1, metrics.Sum("spanmarshal.flushes", ("reason", "requested")));
        Assert.Equal(0, metrics.Observe("spanmarshal.spans.buffered"));
        Assert.True(writer.FlushAsync().IsCompleted, "a flush with nothing buffered completes at once");
    }

    [Fact]
    public async Task The_agents_rates_reach_the_property_and_every_Sent_handler_even_after_one_throws()
    {
        _agent.RateByService = new Dictionary<string, double> { ["service:web-store,env:prod"] = 0.25 };
        await using TraceWriter<TestSpan> writer = Writers.Create(TracePipelineKind.Managed, _agent.Url, NoIntervalFlush);
        var responses = new List<TraceExporterResponse>();
        writer.Sent += (_, _) => throw new InvalidOperationException("a sampler bug");
        writer.Sent += (sender, response) =>
        {
            Assert.Same(writer, sender);
            responses.Add(response);
        };
        Assert.Empty(writer.ServiceRates);

        writer.Write(Spans.Batch(1, 1)[0]);
        await writer.FlushAsync();
        writer.Write(Spans.Batch(1, 1)[0]);
        await writer.FlushAsync();

        Assert.Equal(0.25, writer.ServiceRates["service:web-store,env:prod"]);
        Assert.Equal(2, responses.Count);
        Assert.All(responses, r => Assert.Equal((true, 1), (r.IsOk, r.AcceptedTraceCount)));
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task Writes_after_dispose_are_dropped_and_counted_not_thrown(TracePipelineKind pipeline)
    {
        using var metrics = new MeterCapture();
        TraceWriter<TestSpan> writer = Writers.Create(pipeline, _agent.Url, NoIntervalFlush);
        await writer.DisposeAsync();

        Assert.False(writer.Write(Spans.Batch(1, 4)[0]));
        await writer.FlushAsync();
        writer.Dispose();

        Assert.Equal(1, metrics.Sum("spanmarshal.traces.dropped", ("reason", "disposed")));
        Assert.Equal(4, metrics.Sum("spanmarshal.spans.dropped", ("reason", "disposed")));
        Assert.Empty(Writers.Received(pipeline, _agent));
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task A_throwing_getter_reaches_the_caller_drops_only_its_trace_and_the_writer_goes_on(TracePipelineKind pipeline)
    {
        using var metrics = new MeterCapture();
        List<IReadOnlyList<TestSpan>> traces = Spans.Batch(traces: 3, spansPerTrace: 2);
        ((TestSpan)traces[1][1]).Fail = FailurePoint.AfterStart;
        TraceWriter<TestSpan> writer = Writers.Create(pipeline, _agent.Url, NoIntervalFlush);

        Assert.True(writer.Write(traces[0]));
        Assert.Throws<InvalidOperationException>(() => writer.Write(traces[1]));
        Assert.True(writer.Write(traces[2]));
        await writer.DisposeAsync();

        ExpectedSpan.AssertTraces([traces[0], traces[2]], Writers.Received(pipeline, _agent));
        (_, Dictionary<string, double> dropped) = Writers.AssertAccounted(metrics, pipeline, traces: 3, spans: 6);
        Assert.Equal(1, dropped["failed"]);
    }

    [Fact]
    public void Invalid_traces_return_false_and_are_counted_when_their_buffer_is_sent()
    {
        using var metrics = new MeterCapture();
        TraceWriter<TestSpan> writer = Writers.Create(TracePipelineKind.Managed, _agent.Url, NoIntervalFlush);

        Assert.False(writer.Write(null!));
        Assert.False(writer.Write([]));
        Assert.False(writer.Write([new TestSpan { SpanId = 0 }]));
        writer.Dispose();

        Writers.AssertAccounted(metrics, TracePipelineKind.Managed, traces: 3, spans: 1);
        Assert.Equal(3, metrics.Sum("spanmarshal.traces.dropped", ("reason", "invalid")));
        Assert.Empty(_agent.Requests);
    }

    [Theory]
    [InlineData(nameof(TraceWriterOptions.FlushInterval))]
    [InlineData(nameof(TraceWriterOptions.DisposeTimeout))]
    [InlineData(nameof(TraceWriterOptions.MaxBufferedSpans))]
    [InlineData(nameof(TraceWriterOptions.MaxBufferedBytes))]
    public void An_out_of_range_option_is_refused_by_name_before_anything_is_created(string option)
    {
        var options = new TraceWriterOptions();
        typeof(TraceWriterOptions).GetProperty(option)!.SetValue(options, option switch
        {
            nameof(TraceWriterOptions.FlushInterval) => TimeSpan.Zero,
            nameof(TraceWriterOptions.DisposeTimeout) => TimeSpan.FromSeconds(-1),
            _ => (object)0,
        });

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => TraceWriter.Create<TestSpan, TestSpanMarshaller>(Conformance.Options(), options));

        Assert.Equal(option, ex.ParamName);
        Assert.Equal(0, Conformance.Read().CallCount("ddog_trace_exporter_new"));
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task Writing_allocates_nothing_in_steady_state(TracePipelineKind pipeline)
    {
        await using TraceWriter<TestSpan> writer = Writers.Create(pipeline, _agent.Url, NoIntervalFlush);
        List<IReadOnlyList<TestSpan>> traces = Spans.Batch(traces: 200, spansPerTrace: 3);

        // Two rounds grow both buffers (each flush swaps them) to the size the measured round needs.
        WriteAll(writer, traces);
        await writer.FlushAsync();
        WriteAll(writer, traces);
        await writer.FlushAsync();

        // After an await the test may go on on another thread, whose string cache its first write creates:
        // the first trace is written before measuring, on the thread that writes the rest.
        List<IReadOnlyList<TestSpan>> rest = traces[1..];
        Assert.True(writer.Write(traces[0]));
        long before = GC.GetAllocatedBytesForCurrentThread();
        WriteAll(writer, rest);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Nothing per span or per trace (the smallest object is 24 bytes; 200 traces of 3 spans are written).
        // What a fill may take: libdatadog's buffer a new chunk-set handle (a 32-byte SafeHandle), and waking
        // the background task a thread-pool queue segment when the machine is busy.
        Assert.InRange(allocated, 0, traces.Count);
    }

    private static void WriteAll(TraceWriter<TestSpan> writer, List<IReadOnlyList<TestSpan>> traces)
    {
        foreach (IReadOnlyList<TestSpan> trace in traces)
        {
            Assert.True(writer.Write(trace));
        }
    }

    private static async Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            T value = read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(10, timeout.Token);
        }
    }
}
