using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Benchmarks.Writing;

/// <summary>
/// What <see cref="TraceWriter{TSpan}.Write"/> costs the thread that finishes a trace, per span:
/// from one thread, and from 16 threads at once contending for the writer's lock (on a 2-core
/// machine they also contend for the cores, as a busy web server's threads do). Every operation
/// writes 1600 traces of 10 typical web spans, split among the threads.
/// </summary>
/// <remarks>
/// The writer's background "send" only empties the buffer (<see cref="DiscardingPipeline"/>), so
/// the cost is the writing thread's, not the I/O's. Each iteration starts from empty buffers large
/// enough for its <see cref="Invocations"/> operations: a writer whose background task was not
/// scheduled in time would otherwise be measured dropping traces, which costs less than writing
/// them (a drop fails the benchmark). Allocation is counted on every thread, the background
/// task's included.
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(Invocations)]
public class TraceWriterBenchmarks : IDisposable
{
    private const int Invocations = 3;
    private const int TracesPerOperation = 1600;
    private const int SpansPerTrace = 10;
    private const int MaxThreads = 16;

    private List<IReadOnlyList<WebSpan>>[] _work = [];
    private TraceWriter<WebSpan> _writer = null!;
    private Barrier? _start;
    private Barrier? _done;
    private Thread[] _threads = [];
    private volatile bool _stopping;

    /// <summary>The threads writing at once.</summary>
    [Params(1, MaxThreads)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int perThread = TracesPerOperation / Threads;
        _work = [.. Enumerable.Range(0, Threads).Select(_ => WebSpans.Batch(perThread, SpansPerTrace))];

        // One buffer holds a whole iteration (48 000 spans, about 21 MB), under the 25 MiB request a buffer may hold.
        var options = new TraceWriterOptions { MaxBufferedSpans = 60_000, MaxBufferedBytes = 24 * 1024 * 1024 };
        _writer = new TraceWriter<WebSpan>(new DiscardingPipeline(), TraceMarshallers.For<WebSpan>(), options, NullLogger.Instance);
        if (Threads > 1)
        {
            _start = new Barrier(Threads + 1);
            _done = new Barrier(Threads + 1);
            _threads = [.. _work.Select(traces => new Thread(() => Worker(traces)) { IsBackground = true })];
            Array.ForEach(_threads, thread => thread.Start());
        }
    }

    [IterationSetup]
    public void EmptyBuffers() => _writer.FlushAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Dispose()
    {
        _stopping = true;
        _start?.SignalAndWait();
        Array.ForEach(_threads, thread => thread.Join());
        _writer.Dispose();
        _start?.Dispose();
        _done?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(OperationsPerInvoke = TracesPerOperation * SpansPerTrace)]
    public void Write()
    {
        if (_start is null)
        {
            WriteAll(_writer, _work[0]);
            return;
        }

        _start.SignalAndWait();
        _done!.SignalAndWait();
    }

    private static void WriteAll(TraceWriter<WebSpan> writer, List<IReadOnlyList<WebSpan>> traces)
    {
        foreach (IReadOnlyList<WebSpan> trace in traces)
        {
            if (!writer.Write(trace))
            {
                throw new InvalidOperationException("The writer dropped a trace: the benchmark would measure drops.");
            }
        }
    }

    private void Worker(List<IReadOnlyList<WebSpan>> traces)
    {
        while (true)
        {
            _start!.SignalAndWait();
            if (_stopping)
            {
                return;
            }

            WriteAll(_writer, traces);
            _done!.SignalAndWait();
        }
    }
}
