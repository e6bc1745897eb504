using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Benchmarks;

/// <summary>
/// What <see cref="TraceWriter{TSpan}.Write"/> costs the thread that finishes a trace, per span:
/// from one thread, and from 16 threads at once contending for the writer's lock (on a 2-core
/// machine they also contend for the cores, as a busy web server's threads do). Traces of 10
/// typical web spans; the writer flushes on size and every second as by default, into a send that
/// only empties the buffer (see <see cref="DiscardingPipeline"/>). Allocation is counted on every
/// thread, the writer's background task included.
/// </summary>
[MemoryDiagnoser]
public class TraceWriterBenchmarks : IDisposable
{
    private const int Threads = 16;
    private const int TracesPerThread = 100;
    private const int SpansPerTrace = 10;
    private const int SpansPerThread = TracesPerThread * SpansPerTrace;

    private List<IReadOnlyList<WebSpan>>[] _work = [];
    private TraceWriter<WebSpan> _writer = null!;
    private Barrier _start = null!;
    private Barrier _done = null!;
    private Thread[] _threads = [];
    private volatile bool _stopping;

    [GlobalSetup]
    public void Setup()
    {
        _work = [.. Enumerable.Range(0, Threads).Select(_ => WebSpans.Batch(TracesPerThread, SpansPerTrace))];
        _writer = new TraceWriter<WebSpan>(new DiscardingPipeline(), TraceMarshallers.For<WebSpan>(), new TraceWriterOptions(), NullLogger.Instance);
        _start = new Barrier(Threads + 1);
        _done = new Barrier(Threads + 1);
        _threads = [.. Enumerable.Range(0, Threads).Select(t => new Thread(() => Worker(_work[t])) { IsBackground = true })];
        Array.ForEach(_threads, thread => thread.Start());
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _stopping = true;
        _start.SignalAndWait();
        Array.ForEach(_threads, thread => thread.Join());
        _writer.Dispose();
        _start.Dispose();
        _done.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(OperationsPerInvoke = SpansPerThread)]
    public void Write_1_thread() => WriteAll(_writer, _work[0]);

    [Benchmark(OperationsPerInvoke = Threads * SpansPerThread)]
    public void Write_16_threads()
    {
        _start.SignalAndWait();
        _done.SignalAndWait();
    }

    private static void WriteAll(TraceWriter<WebSpan> writer, List<IReadOnlyList<WebSpan>> traces)
    {
        foreach (IReadOnlyList<WebSpan> trace in traces)
        {
            // A full buffer would be measured dropping, which costs less than writing: fail instead.
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
            _start.SignalAndWait();
            if (_stopping)
            {
                return;
            }

            WriteAll(_writer, traces);
            _done.SignalAndWait();
        }
    }
}
