using System;
using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// A marshalled batch: the traces back to back in one pooled buffer plus where each ends, so it
/// can be cut into requests at trace boundaries, and what marshalling counted. Owns the buffers
/// until disposed.
/// </summary>
internal sealed class EncodedBatch : IDisposable
{
    private readonly BufferPools _pools;
    private byte[]? _body;
    private int[]? _chunkEnds;

    public EncodedBatch(BufferPools pools, byte[] body, int[] chunkEnds, int chunkCount, BatchTally tally)
    {
        _pools = pools;
        _body = body;
        _chunkEnds = chunkEnds;
        ChunkCount = chunkCount;
        Tally = tally;
    }

    /// <summary>The traces that were encoded and can be sent.</summary>
    public int ChunkCount { get; }

    /// <summary>What marshalling counted.</summary>
    public BatchTally Tally { get; }

    /// <summary>
    /// The largest run of traces from <paramref name="firstChunk"/> whose body (with its array
    /// header) fits in <paramref name="maxBytes"/>, and always at least one trace (the encoder
    /// left out every trace that cannot fit alone).
    /// </summary>
    public BatchSlice Slice(int firstChunk, int maxBytes)
    {
        ObjectDisposedException.ThrowIf(_body is null, this);
        int start = ChunkStart(firstChunk);
        int end = firstChunk;
        while (end < ChunkCount && _chunkEnds![end] - start + MsgPack.MaxHeaderBytes <= maxBytes)
        {
            end++;
        }

        end = Math.Max(end, Math.Min(firstChunk + 1, ChunkCount));
        int bodyEnd = end == firstChunk ? start : _chunkEnds![end - 1];
        return new BatchSlice(new ReadOnlyMemory<byte>(_body, start, bodyEnd - start), end - firstChunk);
    }

    /// <summary>The whole body of <paramref name="slice"/> as one msgpack array (a copy, for tests and diagnostics).</summary>
    public static byte[] ToArray(BatchSlice slice)
    {
        byte[] header = BatchContent.ArrayHeader(slice.ChunkCount, out int headerSize);
        return [.. header.AsSpan(0, headerSize), .. slice.Chunks.Span];
    }

    /// <summary>Returns the buffers to the pool. Idempotent.</summary>
    public void Dispose()
    {
        if (_body is not null)
        {
            _pools.Bytes.Return(_body);
            _body = null;
        }

        if (_chunkEnds is not null)
        {
            _pools.Ints.Return(_chunkEnds);
            _chunkEnds = null;
        }
    }

    private int ChunkStart(int chunk) => chunk == 0 ? 0 : _chunkEnds![chunk - 1];
}

/// <summary>Consecutive traces of a batch that go into one request.</summary>
internal readonly record struct BatchSlice(ReadOnlyMemory<byte> Chunks, int ChunkCount);
