using System;
using System.Collections.Generic;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// The managed pipeline's batch: traces encoded as msgpack (v0.4 or v0.5) back to back in pooled
/// buffers, cut into requests at trace boundaries. It is full once it holds a request's worth, so a
/// send of any size holds at most two requests' worth of bytes (the last trace may cross the limit);
/// what does not fill a request stays for the next fill.
/// </summary>
internal abstract class EncodedBatch : TraceBatch
{
    /// <summary>The format the batch is encoded in.</summary>
    public abstract TraceApiVersion Version { get; }

    /// <summary>The traces encoded and not yet sent.</summary>
    public abstract int ChunkCount { get; }

    /// <summary>A batch encoding <paramref name="version"/> (<see cref="TraceApiVersion.V05"/>, else v0.4).</summary>
    /// <param name="version">The format.</param>
    /// <param name="maxRequestBytes">The agent's request limit; no trace larger than it (less the headers) is kept.</param>
    /// <param name="pools">Where the buffers are rented.</param>
    /// <param name="defaults">What the exporter adds to every span (none when null).</param>
    public static EncodedBatch Create(TraceApiVersion version, int maxRequestBytes, BufferPools pools, SpanDefaults? defaults = null)
        => version == TraceApiVersion.V05
            ? new EncodedBatch<MsgPackV05Encoder>(new MsgPackV05Encoder(maxRequestBytes, pools), defaults)
            : new EncodedBatch<MsgPackV04Encoder>(new MsgPackV04Encoder(maxRequestBytes - MsgPack.MaxHeaderBytes, pools), defaults);

    /// <inheritdoc cref="IMsgPackEncoder{TSelf}.Slice"/>
    public abstract BatchSlice Slice(int firstChunk, int maxBytes);

    /// <inheritdoc cref="IMsgPackEncoder{TSelf}.IsOpen"/>
    public abstract bool IsOpen(int firstChunk);

    /// <summary>Forgets the first <paramref name="chunks"/> traces once they are sent; the buffers stay for the next fill.</summary>
    public abstract void RemoveFirst(int chunks);

    /// <summary>The whole body of <paramref name="slice"/> (a copy, for tests and diagnostics).</summary>
    public static byte[] ToArray(BatchSlice slice)
    {
        byte[] body = new byte[BatchContent.Length(slice)];
        int p = BatchContent.WriteTablePrefix(slice, body);
        slice.StringTable.Span.CopyTo(body.AsSpan(p));
        p += slice.StringTable.Length;
        p += BatchContent.WriteTracesHeader(slice, body.AsSpan(p));
        slice.Chunks.Span.CopyTo(body.AsSpan(p));
        return body;
    }
}

/// <summary>An <see cref="EncodedBatch"/> of one encoder.</summary>
/// <typeparam name="TEncoder">The encoder.</typeparam>
internal sealed class EncodedBatch<TEncoder> : EncodedBatch
    where TEncoder : struct, IMsgPackEncoder<TEncoder>
{
    private readonly SpanDefaults _defaults;
    private TEncoder _encoder;
    private bool _disposed;

    public EncodedBatch(TEncoder encoder, SpanDefaults? defaults)
    {
        _encoder = encoder;
        _defaults = defaults ?? SpanDefaults.None;
    }

    /// <inheritdoc/>
    public override TraceApiVersion Version => typeof(TEncoder) == typeof(MsgPackV05Encoder) ? TraceApiVersion.V05 : TraceApiVersion.V04;

    /// <inheritdoc/>
    public override bool IsFull => _encoder.IsFull;

    /// <inheritdoc/>
    public override int ChunkCount => _encoder.ChunkCount;

    /// <inheritdoc/>
    public override int SpanCount => _encoder.SpanCount;

    /// <inheritdoc/>
    public override int ByteCount => _encoder.ByteCount;

    /// <inheritdoc/>
    public override int Marshal<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, int firstTrace, BatchMarshaller<TSpan> marshaller)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Utf8Strings strings = Utf8Strings.Rent();
        var sink = new TraceSink<TEncoder>(_encoder, strings, _defaults);
        try
        {
            return TEncoder.Write(marshaller, traces, firstTrace, ref sink);
        }
        catch
        {
            sink.Encoder.Abandon();
            throw;
        }
        finally
        {
            // The encoder was copied into the sink: take back what it wrote (or abandoned).
            _encoder = sink.Encoder;
            Tally += sink.Tally;
            strings.Return();
        }
    }

    /// <inheritdoc/>
    public override BatchSlice Slice(int firstChunk, int maxBytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _encoder.Slice(firstChunk, maxBytes);
    }

    /// <inheritdoc/>
    public override bool IsOpen(int firstChunk) => _encoder.IsOpen(firstChunk);

    /// <inheritdoc/>
    public override void RemoveFirst(int chunks) => _encoder.RemoveFirst(chunks);

    /// <summary>Returns the buffers to the pool. Idempotent.</summary>
    public override void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _encoder.Release();
        }
    }
}

/// <summary>
/// Consecutive traces of a batch that go into one request, and, for v0.5, the string table they
/// index (its entries already msgpack strings, back to back).
/// </summary>
internal readonly record struct BatchSlice(ReadOnlyMemory<byte> Chunks, int ChunkCount, int SpanCount)
{
    /// <summary>The format of <see cref="Chunks"/>.</summary>
    public TraceApiVersion Version { get; init; } = TraceApiVersion.V04;

    /// <summary>v0.5: the string table's entries, each a msgpack str.</summary>
    public ReadOnlyMemory<byte> StringTable { get; init; }

    /// <summary>v0.5: how many strings <see cref="StringTable"/> holds.</summary>
    public int StringCount { get; init; }
}
