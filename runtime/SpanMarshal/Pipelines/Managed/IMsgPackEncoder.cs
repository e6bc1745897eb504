using System.Collections.Generic;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// A msgpack encoder of the managed pipeline (v0.4 or v0.5): it holds traces encoded back to back
/// and cuts them into request bodies at trace boundaries.
/// </summary>
/// <typeparam name="TSelf">The encoder itself, so the batch walk reaches its own non-generic entry point.</typeparam>
internal interface IMsgPackEncoder<TSelf> : ISpanEncoder
    where TSelf : struct, IMsgPackEncoder<TSelf>
{
    /// <summary>The traces encoded and not yet removed.</summary>
    int ChunkCount { get; }

    /// <summary>The spans in those traces.</summary>
    int SpanCount { get; }

    /// <summary>The bytes the encoded traces take (with v0.5's string tables).</summary>
    int ByteCount { get; }

    /// <summary>
    /// Walks <paramref name="traces"/> into <paramref name="sink"/> through the marshaller's entry point
    /// for this encoder (a static member: resolved when the batch type is compiled, so NativeAOT sees it).
    /// </summary>
    static abstract int Write<TSpan>(BatchMarshaller<TSpan> marshaller, IReadOnlyList<IReadOnlyList<TSpan>> traces, int firstTrace, ref TraceSink<TSelf> sink)
        where TSpan : class;

    /// <summary>
    /// The request body that starts at trace <paramref name="firstChunk"/>: the largest run of traces
    /// that fits in <paramref name="maxBytes"/>, and always at least one trace (the encoder left out
    /// every trace that cannot fit alone).
    /// </summary>
    BatchSlice Slice(int firstChunk, int maxBytes);

    /// <summary>True when the slice from trace <paramref name="firstChunk"/>, the last of the batch, is still open: a later fill may add to it.</summary>
    bool IsOpen(int firstChunk);

    /// <summary>Forgets the first <paramref name="chunks"/> traces (they were sent; always whole slices); the buffers are kept.</summary>
    void RemoveFirst(int chunks);

    /// <summary>
    /// Rewinds to the end of the last complete trace, after an exception escaped a span getter in
    /// the middle of one: the traces before it stay intact and sendable.
    /// </summary>
    void Abandon();

    /// <summary>Returns every buffer the encoder still owns to the pool. Idempotent.</summary>
    void Release();
}
