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
using SpanMarshal.Testing;
using SpanMarshal.Testing.Decoding;

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
    private List<IReadOnlyList<BaseWebSpan>>[] _derivedBatches = [];
    private BatchMarshaller<WebSpan> _writer = null!;
    private BatchMarshaller<DictionaryWebSpan> _dictionaryWriter = null!;
    private BatchMarshaller<BaseWebSpan> _baseWriter = null!;
    private int _turn;

    /// <summary>The body's bytes per span in v0.4, once <see cref="Setup"/> ran.</summary>
    internal double BytesPerSpanV04 { get; private set; }

    /// <summary>The body's bytes per span in v0.5 (string table included), once <see cref="Setup"/> ran.</summary>
    internal double BytesPerSpanV05 { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _batches = [.. Enumerable.Range(0, Copies).Select(_ => WebSpans.Batch(Traces, SpansPerTrace))];
        _perRequestBatches = [.. Enumerable.Range(0, Copies).Select(_ => WebSpans.Batch(Traces, SpansPerTrace, stringsPerRequest: true))];
        _dictionaryBatches = [.. _batches.Select(batch => batch.ConvertAll(trace => (IReadOnlyList<DictionaryWebSpan>)trace.Select(DictionaryWebSpan.From).ToList()))];
        _derivedBatches = [.. _batches.Select(batch => batch.ConvertAll(trace => (IReadOnlyList<BaseWebSpan>)[.. trace.Select(ServerWebSpan.From)]))];
        _writer = TraceMarshallers.For<WebSpan>();
        _dictionaryWriter = TraceMarshallers.For<DictionaryWebSpan>();
        _baseWriter = TraceMarshallers.For<BaseWebSpan>();
        byte[] spanMarshal = EncodeWithSpanMarshal(_batches[0], _writer);
        byte[] v05 = EncodeWithSpanMarshal(_batches[0], _writer, version: TraceApiVersion.V05);
        BytesPerSpanV04 = spanMarshal.Length / (double)SpanCount;
        BytesPerSpanV05 = v05.Length / (double)SpanCount;
        Console.WriteLine($"// SpanMarshal encodes {BytesPerSpanV04:F1} bytes per span in v0.4, {BytesPerSpanV05:F1} in v0.5");

        // v0.5 cannot equal v0.4's bytes; it must carry the same spans, field by field.
        if (!TraceDecoderV04.Decode(spanMarshal).SequenceEqual(TraceDecoderV05.Decode(v05), TraceEquality.Instance))
        {
            throw new InvalidOperationException("v0.5 does not carry the spans v0.4 carries, field by field.");
        }

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
        AssertSameBytes(spanMarshal, EncodeWithSpanMarshal(_derivedBatches[0], _baseWriter), nameof(SpanMarshal_generated_derivedInBaseList));
        AssertSameBytes(spanMarshal, EncodeWithoutDispatch(_batches[0]), nameof(SpanMarshal_generated_noDispatch));
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

    /// <summary>The same spans encoded as v0.5 (string table, spans as arrays of indexes).</summary>
    [Benchmark(OperationsPerInvoke = SpanCount)]
    public int SpanMarshal_generated_v05() => WriteWithSpanMarshal(Next(_batches), _writer, version: TraceApiVersion.V05);

    /// <summary>
    /// The same spans as <see cref="ServerWebSpan"/>s in lists declared as <see cref="BaseWebSpan"/>: each span's runtime
    /// type is not the declared one, so it is looked up (once per type, then one lookup per span) and marshalled by its own marshaller.
    /// </summary>
    [Benchmark(OperationsPerInvoke = SpanCount)]
    public int SpanMarshal_generated_derivedInBaseList() => WriteWithSpanMarshal(Next(_derivedBatches), _baseWriter);

    /// <summary>
    /// The floor for dispatch: the generated marshaller called directly on each span, with no runtime-type check, into the
    /// same sink and encoder. <see cref="SpanMarshal_generated"/> minus this is what dispatch costs when the runtime type is the declared type.
    /// </summary>
    [Benchmark(OperationsPerInvoke = SpanCount)]
    public int SpanMarshal_generated_noDispatch() => WriteWithoutDispatch(Next(_batches));

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
    private static int WriteWithSpanMarshal<TSpan>(List<IReadOnlyList<TSpan>> batch, BatchMarshaller<TSpan> marshaller, SpanDefaults? defaults = null, TraceApiVersion version = TraceApiVersion.V04)
        where TSpan : class
    {
        using var encoded = EncodedBatch.Create(version, ManagedPipelineSettings.Default.MaxRequestBytes, BufferPools.Shared, defaults);
        encoded.Marshal(batch, 0, marshaller);
        return encoded.ChunkCount;
    }

    private static byte[] EncodeWithSpanMarshal<TSpan>(List<IReadOnlyList<TSpan>> batch, BatchMarshaller<TSpan> marshaller, SpanDefaults? defaults = null, TraceApiVersion version = TraceApiVersion.V04)
        where TSpan : class
    {
        using var encoded = EncodedBatch.Create(version, ManagedPipelineSettings.Default.MaxRequestBytes, BufferPools.Shared, defaults);
        if (encoded.Marshal(batch, 0, marshaller) != batch.Count)
        {
            throw new InvalidOperationException("The benchmark batch must fit in one request.");
        }

        return EncodedBatch.ToArray(encoded.Slice(0, int.MaxValue));
    }

    // What EncodedBatch.Marshal does, with the batch walk written out and no runtime-type check.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int WriteWithoutDispatch(List<IReadOnlyList<WebSpan>> batch)
    {
        MsgPackV04Encoder encoder = EncodeWithoutDispatch(batch, out Utf8Strings strings);
        int chunks = encoder.ChunkCount;
        encoder.Release();
        strings.Return();
        return chunks;
    }

    private static byte[] EncodeWithoutDispatch(List<IReadOnlyList<WebSpan>> batch)
    {
        MsgPackV04Encoder encoder = EncodeWithoutDispatch(batch, out Utf8Strings strings);
        byte[] body = EncodedBatch.ToArray(encoder.Slice(0, int.MaxValue));
        encoder.Release();
        strings.Return();
        return body;
    }

    private static MsgPackV04Encoder EncodeWithoutDispatch(List<IReadOnlyList<WebSpan>> batch, out Utf8Strings strings)
    {
        strings = Utf8Strings.Rent();
        var sink = new TraceSink<MsgPackV04Encoder>(
            new MsgPackV04Encoder(ManagedPipelineSettings.Default.MaxRequestBytes - MsgPack.MaxHeaderBytes, BufferPools.Shared), strings, SpanDefaults.None);
        foreach (IReadOnlyList<WebSpan> trace in batch)
        {
            sink.BeginChunk(trace.Count);
            WriteChunkWithoutDispatch(trace, ref sink);
            sink.EndChunk();
        }

        return sink.Encoder;
    }

    private static void WriteChunkWithoutDispatch(IReadOnlyList<WebSpan> trace, ref TraceSink<MsgPackV04Encoder> sink)
    {
        int count = trace.Count;
        for (int s = 0; s < count; s++)
        {
            WebSpan.WebSpanTraceMarshaller.Marshal(trace[s], ref sink);
        }
    }

    /// <summary>Trace lists equal when their spans are equal in order (<see cref="ReceivedSpan"/> compares field by field).</summary>
    private sealed class TraceEquality : IEqualityComparer<IReadOnlyList<ReceivedSpan>>
    {
        public static readonly TraceEquality Instance = new();

        public bool Equals(IReadOnlyList<ReceivedSpan>? x, IReadOnlyList<ReceivedSpan>? y) => x is not null && y is not null && x.SequenceEqual(y);

        public int GetHashCode(IReadOnlyList<ReceivedSpan> obj) => obj.Count;
    }
}
