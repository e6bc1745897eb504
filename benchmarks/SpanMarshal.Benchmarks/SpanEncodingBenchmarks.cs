using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using SpanMarshal.Marshalling;
using SpanMarshal.Pipelines.Managed;

namespace SpanMarshal.Benchmarks;

/// <summary>
/// Marshal + encode of a 1000-span batch (100 traces of 10 typical web spans, ~430 bytes of
/// msgpack and 11 tags each), reported per span. No HTTP: this is the part SpanMarshal owns.
/// Every encoder writes the same bytes (checked in setup).
/// </summary>
[MemoryDiagnoser]
public class SpanEncodingBenchmarks
{
    private const int Traces = 100;
    private const int SpansPerTrace = 10;
    private const int SpanCount = Traces * SpansPerTrace;

    private readonly ArrayBufferWriter<byte> _output = new(1024 * 1024);
    private readonly PlainEncoder _plain = new();
    private List<IReadOnlyList<WebSpan>> _batch = [];
    private TraceWriter<WebSpan> _writer = null!;
    private List<IReadOnlyList<WebSpan>> _perRequestBatch = [];
    private List<IReadOnlyList<DictionaryWebSpan>> _dictionaryBatch = [];
    private TraceWriter<DictionaryWebSpan> _dictionaryWriter = null!;

    [GlobalSetup]
    public void Setup()
    {
        _batch = WebSpans.Batch(Traces, SpansPerTrace);
        _writer = TraceMarshallers.For<WebSpan>();
        _dictionaryBatch = _batch.ConvertAll(trace => (IReadOnlyList<DictionaryWebSpan>)trace.Select(DictionaryWebSpan.From).ToList());
        _dictionaryWriter = TraceMarshallers.For<DictionaryWebSpan>();
        _perRequestBatch = WebSpans.Batch(Traces, SpansPerTrace, stringsPerRequest: true);
        using EncodedBatch batch = ManagedPipeline.Encode(_batch, _writer, ManagedPipelineSettings.Default.MaxRequestBytes);
        byte[] spanMarshal = EncodedBatch.ToArray(batch.Slice(0, int.MaxValue));
        System.Console.WriteLine($"// SpanMarshal encodes {spanMarshal.Length / (double)SpanCount:F0} bytes per span");

        // A baseline that wrote less would be measured doing less: all must send the same bytes.
        WriteWithPlainEncoder();
        AssertSameBytes(spanMarshal, _plain.Written, nameof(Plain_handwritten));
        WriteWithMessagePackCSharp(preEncodedKeys: false);
        AssertSameBytes(spanMarshal, _output.WrittenSpan, nameof(MessagePackCSharp_plain));
        WriteWithMessagePackCSharp(preEncodedKeys: true);
        AssertSameBytes(spanMarshal, _output.WrittenSpan, nameof(MessagePackCSharp_preEncodedKeys));
        using EncodedBatch dictionaries = ManagedPipeline.Encode(_dictionaryBatch, _dictionaryWriter, ManagedPipelineSettings.Default.MaxRequestBytes);
        AssertSameBytes(spanMarshal, EncodedBatch.ToArray(dictionaries.Slice(0, int.MaxValue)), nameof(SpanMarshal_generated_dictionaryTags));
        using EncodedBatch perRequest = ManagedPipeline.Encode(_perRequestBatch, _writer, ManagedPipelineSettings.Default.MaxRequestBytes);
        AssertSameBytes(spanMarshal, EncodedBatch.ToArray(perRequest.Slice(0, int.MaxValue)), nameof(SpanMarshal_generated_perRequestStrings));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SpanCount)]
    public int Plain_handwritten() => WriteWithPlainEncoder();

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public void MessagePackCSharp_plain() => WriteWithMessagePackCSharp(preEncodedKeys: false);

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public void MessagePackCSharp_preEncodedKeys() => WriteWithMessagePackCSharp(preEncodedKeys: true);

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public int SpanMarshal_generated() => WriteWithSpanMarshal(_batch, _writer);

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public int SpanMarshal_generated_perRequestStrings() => WriteWithSpanMarshal(_perRequestBatch, _writer);

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public int SpanMarshal_generated_dictionaryTags() => WriteWithSpanMarshal(_dictionaryBatch, _dictionaryWriter);

    // The batch loops stay out of the benchmark methods: inlined, they lost the JIT's inlining budget.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int WriteWithPlainEncoder() => _plain.Write(_batch);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteWithMessagePackCSharp(bool preEncodedKeys)
    {
        _output.ResetWrittenCount();
        MessagePackCSharpEncoder.Write(_output, _batch, preEncodedKeys);
    }

    private static void AssertSameBytes(byte[] expected, ReadOnlySpan<byte> actual, string encoder)
    {
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            throw new InvalidOperationException($"{encoder} does not write the bytes SpanMarshal writes ({actual.Length} vs {expected.Length} bytes).");
        }
    }

    // Exactly what the managed pipeline runs before it sends: the sink, the batch it completes, the buffers' return.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int WriteWithSpanMarshal<TSpan>(List<IReadOnlyList<TSpan>> batch, TraceWriter<TSpan> writer)
        where TSpan : class
    {
        using EncodedBatch encoded = ManagedPipeline.Encode(batch, writer, ManagedPipelineSettings.Default.MaxRequestBytes);
        return encoded.ChunkCount;
    }
}
