using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using SpanMarshal.Marshalling;
using SpanMarshal.Native;
using SpanMarshal.Tests.Support;

namespace SpanMarshal.Benchmarks.LibDatadog;

/// <summary>
/// The libdatadog pipeline through the C conformance library (tests/native) with its recording off
/// (<see cref="Conformance.SetRecording"/>): the native side then only checks each handle under its
/// lock, so what is measured is SpanMarshal's binding: marshalling, one P/Invoke per span, tag and
/// trace, and the send. <see cref="Send"/> is a whole <see cref="TraceExporter.Send{TSpan}"/> of 1000
/// typical spans; <see cref="SetMetric_call"/> one <c>ddog_tracer_span_set_metric</c> call, the cost a
/// batched tag call would save per tag (less the one batched call). The setup counts the calls per
/// span with recording on.
/// </summary>
[MemoryDiagnoser]
public unsafe class LibDatadogBenchmarks : IDisposable
{
    private const int SpanCount = 1000;
    private const int Calls = 1000;

    private TraceExporter _exporter = null!;
    private List<IReadOnlyList<WebSpan>> _batch = [];
    private nint _span;

    [GlobalSetup]
    public void Setup()
    {
        _batch = WebSpans.Batch(100, 10);
        Conformance.Reset();
        _exporter = TraceExporter.Create(Conformance.Options());
        Send();
        IReadOnlyDictionary<string, long> calls = Conformance.Read().Calls;
        long perBatch = calls.Where(c => c.Key.StartsWith("ddog_tracer_", StringComparison.Ordinal) || c.Key == "ddog_trace_exporter_send_trace_chunks").Sum(c => c.Value);
        Console.WriteLine($"// {perBatch / (double)SpanCount:F2} P/Invoke calls per span: " + string.Join(", ", calls.Where(c => c.Key.StartsWith("ddog_tracer_", StringComparison.Ordinal)).Select(c => $"{c.Key} {c.Value / (double)SpanCount:F2}")));
        Conformance.Reset();
        Conformance.SetRecording(false);
        var fields = new TracerSpanFields { TraceIdLow = 1, SpanId = 1, Start = 1, Duration = 1 };
        nint span;
        NativeMethods.ddog_tracer_span_new(&span, &fields);
        _span = span;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        if (_span != 0)
        {
            NativeMethods.ddog_tracer_span_free(_span);
            _span = 0;
        }

        _exporter?.Dispose();
        Conformance.Reset();
        GC.SuppressFinalize(this);
    }

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public TraceExporterResponse Send() => _exporter.Send(_batch);

    [Benchmark(OperationsPerInvoke = Calls)]
    public void SetMetric_call() => SetMetrics(_span);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SetMetrics(nint span)
    {
        byte* key = stackalloc byte[] { (byte)'k' };
        var slice = new CharSlice(key, 1);
        for (int i = 0; i < Calls; i++)
        {
            NativeMethods.ddog_tracer_span_set_metric(span, slice, i);
        }
    }
}
