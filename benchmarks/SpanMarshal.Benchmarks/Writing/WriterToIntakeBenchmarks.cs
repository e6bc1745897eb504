using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace SpanMarshal.Benchmarks.Writing;

/// <summary>
/// Spans per second through a <see cref="TraceWriter{TSpan}"/> and the managed pipeline to an
/// intake on loopback (<see cref="LoopbackIntake"/>): each operation writes 2000 traces of 10
/// typical web spans, then flushes and waits until the intake has answered. The result is per
/// span; the Spans/s column is its inverse. The buffers hold a whole operation, so nothing is
/// dropped (checked: a drop fails the benchmark rather than flattering it).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SpansPerSecondColumn.Config))]
public class WriterToIntakeBenchmarks : IDisposable
{
    private const int Traces = 2000;
    private const int SpansPerTrace = 10;

    private LoopbackIntake _intake = null!;
    private TraceWriter<WebSpan> _writer = null!;
    private List<IReadOnlyList<WebSpan>> _traces = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _intake = await LoopbackIntake.StartAsync();
        _traces = WebSpans.Batch(Traces, SpansPerTrace);
        _writer = TraceWriter.Create<WebSpan>(
            new TraceExporterOptions { AgentUrl = _intake.Url, Pipeline = TracePipelineKind.Managed },
            new TraceWriterOptions { MaxBufferedSpans = 4 * Traces * SpansPerTrace, MaxBufferedBytes = 24 * 1024 * 1024 });
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _writer.Dispose();
        _intake.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    [Benchmark(OperationsPerInvoke = Traces * SpansPerTrace)]
    public async Task Write_and_flush_to_loopback_intake()
    {
        long before = _intake.BytesReceived;
        foreach (IReadOnlyList<WebSpan> trace in _traces)
        {
            if (!_writer.Write(trace))
            {
                throw new InvalidOperationException("The writer dropped a trace: the benchmark would measure drops.");
            }
        }

        await _writer.FlushAsync();
        if (_intake.BytesReceived == before)
        {
            throw new InvalidOperationException("Nothing reached the intake.");
        }
    }
}
