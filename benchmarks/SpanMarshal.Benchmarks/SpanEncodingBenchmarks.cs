using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Marshalling.Sinks;
using SpanMarshal.Pipelines.Managed;

namespace SpanMarshal.Benchmarks;

/// <summary>
/// Marshal + encode of a 1000-span batch (100 traces of 10 typical web spans, 442 bytes of
/// msgpack and 11 tags each), reported per span. No HTTP: this is the part SpanMarshal owns.
/// Every encoder writes the same bytes (checked in setup). Each call takes the next of
/// <see cref="Copies"/> copies of the batch, whose per-request strings (the URL; with
/// <c>perRequestStrings</c> also resource, route and method) are distinct instances, so no string
/// built for one request is still cached when its copy comes round again.
/// </summary>
[MemoryDiagnoser]
public class SpanEncodingBenchmarks
{
    private const int Traces = 100;
    private const int SpansPerTrace = 10;
    private const int SpanCount = Traces * SpansPerTrace;

    // 8 x 1000 distinct URLs against the cache's 1024 slots: a URL survives 8 batches with odds of about 1 in 3000.
    private const int Copies = 8;

    private static readonly SpanDefaults ExporterDefaults = new("web-store", "prod", "1.4.2", hostName: null);

    private readonly ArrayBufferWriter<byte> _output = new(1024 * 1024);
    private readonly PlainEncoder _plain = new();
    private List<IReadOnlyList<WebSpan>>[] _batches = [];
    private List<IReadOnlyList<WebSpan>>[] _perRequestBatches = [];
    private List<IReadOnlyList<DictionaryWebSpan>>[] _dictionaryBatches = [];
    private BatchMarshaller<WebSpan> _writer = null!;
    private BatchMarshaller<DictionaryWebSpan> _dictionaryWriter = null!;
    private int _turn;

    [GlobalSetup]
    public void Setup()
    {
        _batches = [.. Enumerable.Range(0, Copies).Select(_ => WebSpans.Batch(Traces, SpansPerTrace))];
        _perRequestBatches = [.. Enumerable.Range(0, Copies).Select(_ => WebSpans.Batch(Traces, SpansPerTrace, stringsPerRequest: true))];
        _dictionaryBatches = [.. _batches.Select(batch => batch.ConvertAll(trace => (IReadOnlyList<DictionaryWebSpan>)trace.Select(DictionaryWebSpan.From).ToList()))];
        _writer = TraceMarshallers.For<WebSpan>();
        _dictionaryWriter = TraceMarshallers.For<DictionaryWebSpan>();
        byte[] spanMarshal = EncodeWithSpanMarshal(_batches[0], _writer);
        System.Console.WriteLine($"// SpanMarshal encodes {spanMarshal.Length / (double)SpanCount:F0} bytes per span");

        // A baseline that wrote less would be measured doing less: all must send the same bytes.
        WriteWithPlainEncoder();
        AssertSameBytes(spanMarshal, _plain.Written, nameof(Plain_handwritten));
        WriteWithMessagePackCSharp(preEncodedKeys: false);
        AssertSameBytes(spanMarshal, _output.WrittenSpan, nameof(MessagePackCSharp_plain));
        WriteWithMessagePackCSharp(preEncodedKeys: true);
        AssertSameBytes(spanMarshal, _output.WrittenSpan, nameof(MessagePackCSharp_preEncodedKeys));
        AssertSameBytes(spanMarshal, EncodeWithSpanMarshal(_dictionaryBatches[0], _dictionaryWriter), nameof(SpanMarshal_generated_dictionaryTags));
        AssertSameBytes(spanMarshal, EncodeWithSpanMarshal(_perRequestBatches[0], _writer), nameof(SpanMarshal_generated_perRequestStrings));
        AssertSameBytes(spanMarshal, EncodeWithSpanMarshal(_batches[0], _writer, ExporterDefaults), nameof(SpanMarshal_generated_exporterDefaults));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SpanCount)]
    public int Plain_handwritten() => WriteWithPlainEncoder();

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public void MessagePackCSharp_plain() => WriteWithMessagePackCSharp(preEncodedKeys: false);

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public void MessagePackCSharp_preEncodedKeys() => WriteWithMessagePackCSharp(preEncodedKeys: true);

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public int SpanMarshal_generated() => WriteWithSpanMarshal(Next(_batches), _writer);

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public int SpanMarshal_generated_perRequestStrings() => WriteWithSpanMarshal(Next(_perRequestBatches), _writer);

    /// <summary>
    /// An exporter with Service, Environment and Version set, over spans that carry their own service,
    /// env and version tags: the same bytes, so the difference is what checking the defaults costs.
    /// </summary>
    [Benchmark(OperationsPerInvoke = SpanCount)]
    public int SpanMarshal_generated_exporterDefaults() => WriteWithSpanMarshal(Next(_batches), _writer, ExporterDefaults);

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public int SpanMarshal_generated_dictionaryTags() => WriteWithSpanMarshal(Next(_dictionaryBatches), _dictionaryWriter);

    // The batch loops stay out of the benchmark methods: inlined, they lost the JIT's inlining budget.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int WriteWithPlainEncoder() => _plain.Write(Next(_batches));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WriteWithMessagePackCSharp(bool preEncodedKeys)
    {
        _output.ResetWrittenCount();
        MessagePackCSharpEncoder.Write(_output, Next(_batches), preEncodedKeys);
    }

    private T Next<T>(T[] copies) => copies[_turn++ % Copies];

    private static void AssertSameBytes(byte[] expected, ReadOnlySpan<byte> actual, string encoder)
    {
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            throw new InvalidOperationException($"{encoder} does not write the bytes SpanMarshal writes ({actual.Length} vs {expected.Length} bytes).");
        }
    }

    // Exactly what the managed pipeline runs before it sends: a batch, the sink, the buffers' return.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int WriteWithSpanMarshal<TSpan>(List<IReadOnlyList<TSpan>> batch, BatchMarshaller<TSpan> marshaller, SpanDefaults? defaults = null)
        where TSpan : class
    {
        using var encoded = EncodedBatch.Create(TraceApiVersion.V04, ManagedPipelineSettings.Default.MaxRequestBytes, BufferPools.Shared, defaults);
        encoded.Marshal(batch, 0, marshaller);
        return encoded.ChunkCount;
    }

    private static byte[] EncodeWithSpanMarshal<TSpan>(List<IReadOnlyList<TSpan>> batch, BatchMarshaller<TSpan> marshaller, SpanDefaults? defaults = null)
        where TSpan : class
    {
        using var encoded = EncodedBatch.Create(TraceApiVersion.V04, ManagedPipelineSettings.Default.MaxRequestBytes, BufferPools.Shared, defaults);
        if (encoded.Marshal(batch, 0, marshaller) != batch.Count)
        {
            throw new InvalidOperationException("The benchmark batch must fit in one request.");
        }

        return EncodedBatch.ToArray(encoded.Slice(0, int.MaxValue));
    }
}
