using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Benchmarks.Marshalling;

/// <summary>
/// Marshal only: the same 1000 spans read into the same sink (<see cref="CountingSink"/>, which
/// encodes nothing) by the generated marshaller, by a reflection marshaller making the same calls,
/// and by the hand-written floor. Reported per span. The setup checks that all three give the sink
/// the same checksum.
/// </summary>
[MemoryDiagnoser]
public class MarshalOnlyBenchmarks
{
    private const int SpanCount = 1000;

    private WebSpan[] _spans = [];
    private ReflectionMarshaller _reflection = null!;
    private Utf8Strings _strings = null!;

    [GlobalSetup]
    public void Setup()
    {
        _spans = [.. WebSpans.Batch(100, 10).SelectMany(t => t)];
        _reflection = new ReflectionMarshaller(typeof(WebSpan));
        _strings = Utf8Strings.Rent();
        long generated = Generated(), reflection = Reflection(), floor = Handwritten_floor();
        if (generated != reflection || generated != floor)
        {
            throw new InvalidOperationException($"The marshallers disagree: generated {generated}, reflection {reflection}, hand-written {floor}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _strings.Return();

    [Benchmark(Baseline = true, OperationsPerInvoke = SpanCount)]
    public long Generated() => RunGenerated(_spans, _strings);

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public long Reflection() => RunReflection(_spans, _reflection, _strings);

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public long Handwritten_floor() => RunHandwritten(_spans, _strings);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long RunGenerated(WebSpan[] spans, Utf8Strings strings)
    {
        var sink = new CountingSink(strings);
        foreach (WebSpan span in spans)
        {
            WebSpan.WebSpanTraceMarshaller.Marshal(span, ref sink);
        }

        return sink.Checksum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long RunReflection(WebSpan[] spans, ReflectionMarshaller marshaller, Utf8Strings strings)
    {
        var sink = new CountingSink(strings);
        foreach (WebSpan span in spans)
        {
            marshaller.Marshal(span, ref sink);
        }

        return sink.Checksum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long RunHandwritten(WebSpan[] spans, Utf8Strings strings)
    {
        var sink = new CountingSink(strings);
        foreach (WebSpan span in spans)
        {
            HandwrittenMarshaller.Marshal(span, ref sink);
        }

        return sink.Checksum;
    }
}
