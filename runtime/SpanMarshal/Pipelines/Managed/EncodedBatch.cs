using System;
using System.Collections.Generic;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// The managed pipeline's batch: traces encoded as v0.4 msgpack back to back in one pooled buffer,
/// cut into requests at trace boundaries. It is full once it holds a request's worth, so a send of
/// any size holds at most two requests' worth of bytes (the last trace may cross the limit); what
/// does not fill a request stays for the next fill.
/// </summary>
internal sealed class EncodedBatch : TraceBatch
{
    private MsgPackV04Encoder _encoder;
    private bool _disposed;

    /// <param name="maxRequestBytes">The agent's request limit; no trace larger than it (less the array header) is kept.</param>
    /// <param name="pools">Where the buffers are rented.</param>
    public EncodedBatch(int maxRequestBytes, BufferPools pools)
        => _encoder = new MsgPackV04Encoder(maxRequestBytes - MsgPack.MaxHeaderBytes, pools);

    /// <inheritdoc/>
    public override bool IsFull => _encoder.IsFull;

    /// <summary>The traces encoded and not yet sent.</summary>
    public int ChunkCount => _encoder.ChunkCount;

    /// <inheritdoc/>
    public override int Marshal<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, int firstTrace, BatchMarshaller<TSpan> marshaller)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Utf8Strings strings = Utf8Strings.Rent();
        var sink = new TraceSink<MsgPackV04Encoder>(_encoder, strings);
        try
        {
            return marshaller.Write(traces, firstTrace, ref sink);
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

    /// <summary>
    /// The largest run of traces from <paramref name="firstChunk"/> whose body (with its array
    /// header) fits in <paramref name="maxBytes"/>, and always at least one trace (the encoder
    /// left out every trace that cannot fit alone).
    /// </summary>
    public BatchSlice Slice(int firstChunk, int maxBytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int start = firstChunk == 0 ? 0 : _encoder.ChunkEnd(firstChunk - 1);
        int end = firstChunk;
        while (end < ChunkCount && _encoder.ChunkEnd(end) - start + MsgPack.MaxHeaderBytes <= maxBytes)
        {
            end++;
        }

        end = Math.Max(end, Math.Min(firstChunk + 1, ChunkCount));
        int bodyEnd = end == firstChunk ? start : _encoder.ChunkEnd(end - 1);
        int spans = end == firstChunk ? 0 : _encoder.SpansThrough(end - 1) - (firstChunk == 0 ? 0 : _encoder.SpansThrough(firstChunk - 1));
        return new BatchSlice(_encoder.Body.Slice(start, bodyEnd - start), end - firstChunk, spans);
    }

    /// <summary>Forgets the first <paramref name="chunks"/> traces once they are sent; the buffers stay for the next fill.</summary>
    public void RemoveFirst(int chunks) => _encoder.RemoveFirst(chunks);

    /// <summary>The whole body of <paramref name="slice"/> as one msgpack array (a copy, for tests and diagnostics).</summary>
    public static byte[] ToArray(BatchSlice slice)
    {
        byte[] header = BatchContent.ArrayHeader(slice.ChunkCount, out int headerSize);
        return [.. header.AsSpan(0, headerSize), .. slice.Chunks.Span];
    }

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

/// <summary>Consecutive traces of a batch that go into one request.</summary>
internal readonly record struct BatchSlice(ReadOnlyMemory<byte> Chunks, int ChunkCount, int SpanCount);
