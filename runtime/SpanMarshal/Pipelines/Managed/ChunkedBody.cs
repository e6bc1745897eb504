using System;
using System.Runtime.CompilerServices;
using System.Threading;
using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// What both msgpack encoders keep the same way: traces written back to back into one pooled
/// buffer, each behind an array header reserved at its smallest likely size and patched (shifting
/// the trace only when it outgrew the reservation), the end and span count of every complete trace,
/// and the limit no trace may grow past.
/// </summary>
/// <remarks>
/// No trace may grow past the request limit: every reservation is checked against it (in 64-bit
/// arithmetic, so no user string can wrap a size), and a trace that would is rewound and left out
/// before it costs more memory. A trace may also take room outside the body (v0.5's new strings);
/// <see cref="ClaimOutside"/> counts that against the same limit.
/// </remarks>
internal struct ChunkedBody
{
    private const int InitialBytes = 64 * 1024;
    private const int InitialChunks = 64;
    private const int MaxSizeHint = 32 * 1024 * 1024;

    // The last batch's size: renting that up front saves growing (and copying) the buffer
    // through every power of two again on each send.
    private static int s_sizeHint = InitialBytes;

    /// <summary>The encoded traces; encoders write at its end after a successful <see cref="Reserve"/>.</summary>
    public PooledBuffer Bytes;

    private readonly BufferPools _pools;
    private readonly int _maxChunkBytes;
    private int _end;
    private int _chunkStart;
    private int _chunkHeaderSize;
    private long _outside;
    private string? _chunkFailure;
    private int[]? _chunkEnds;
    private int[]? _chunkSpans;
    private int _chunkCount;

    /// <param name="maxChunkBytes">The most bytes one trace may take (it must fit in a request on its own).</param>
    /// <param name="pools">Where buffers are rented (and returned by <see cref="Release"/>).</param>
    public ChunkedBody(int maxChunkBytes, BufferPools pools)
    {
        _maxChunkBytes = maxChunkBytes;
        _pools = pools;
        Bytes = new PooledBuffer(pools.Bytes, Math.Min(Volatile.Read(ref s_sizeHint), maxChunkBytes));
        _chunkEnds = pools.Ints.Rent(InitialChunks);
        _chunkSpans = pools.Ints.Rent(InitialChunks);
    }

    /// <summary>The most bytes one trace may take.</summary>
    public readonly int MaxChunkBytes => _maxChunkBytes;

    /// <summary>Where the current trace starts.</summary>
    public readonly int ChunkStart => _chunkStart;

    /// <summary>Why the current trace is being left out, once it is.</summary>
    public readonly string? ChunkFailure => _chunkFailure;

    /// <summary>The traces complete and not yet removed.</summary>
    public readonly int ChunkCount => _chunkCount;

    /// <summary>Where trace <paramref name="chunk"/> ends.</summary>
    public readonly int ChunkEnd(int chunk) => _chunkEnds![chunk];

    /// <summary>Where trace <paramref name="chunk"/> starts.</summary>
    public readonly int ChunkBegin(int chunk) => chunk == 0 ? 0 : _chunkEnds![chunk - 1];

    /// <summary>The spans in traces 0 to <paramref name="chunk"/>.</summary>
    public readonly int SpansThrough(int chunk) => _chunkSpans![chunk];

    /// <summary>The spans in traces <paramref name="first"/> to <paramref name="end"/> (exclusive).</summary>
    public readonly int SpansBetween(int first, int end)
        => end == first ? 0 : _chunkSpans![end - 1] - (first == 0 ? 0 : _chunkSpans[first - 1]);

    /// <summary>Starts a trace expected to hold about <paramref name="spanCount"/> spans.</summary>
    public void BeginChunk(int spanCount)
    {
        _chunkFailure = null;
        _outside = 0;
        _chunkStart = Bytes.Length;
        _end = (int)Math.Min(Bytes.Capacity, (long)_chunkStart + _maxChunkBytes);
        _chunkHeaderSize = MsgPack.CollectionHeaderSize(spanCount);
        if (Unsafe.IsNullRef(ref Reserve(_chunkHeaderSize)))
        {
            TooLarge();
            return;
        }

        Bytes.Length += _chunkHeaderSize;
    }

    /// <summary>Ends the current trace, which kept <paramref name="keptSpans"/> spans: patches its header and records it.</summary>
    /// <returns>The spans the trace holds: <paramref name="keptSpans"/>, or 0 when it is left out (<paramref name="failure"/> says why, if anything failed).</returns>
    public int EndChunk(int keptSpans, out string? failure)
    {
        failure = _chunkFailure;
        if (failure is not null || keptSpans == 0)
        {
            Bytes.Length = _chunkStart;
            return 0;
        }

        int size = MsgPack.CollectionHeaderSize(keptSpans);
        if (size > _chunkHeaderSize)
        {
            // The list grew while it was read; rare, so the shift is acceptable.
            if (Unsafe.IsNullRef(ref Reserve(size - _chunkHeaderSize)))
            {
                failure = TooLarge();
                return 0;
            }

            Bytes.ShiftRight(_chunkStart + _chunkHeaderSize, size - _chunkHeaderSize);
        }
        else
        {
            size = _chunkHeaderSize;
        }

        MsgPack.WriteCollectionHeader(ref Bytes.At(_chunkStart), keptSpans, size, isMap: false);
        if (_chunkCount == _chunkEnds!.Length)
        {
            _chunkEnds = GrowCopy(_chunkEnds, _chunkCount);
            _chunkSpans = GrowCopy(_chunkSpans!, _chunkCount);
        }

        _chunkSpans![_chunkCount] = (_chunkCount == 0 ? 0 : _chunkSpans[_chunkCount - 1]) + keptSpans;
        _chunkEnds[_chunkCount++] = Bytes.Length;
        return keptSpans;
    }

    /// <summary>Room for <paramref name="bytes"/> more bytes of the current trace, or a null ref when the trace would outgrow the limit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref byte Reserve(long bytes)
    {
        if (bytes <= _end - Bytes.Length)
        {
            return ref Bytes.At(Bytes.Length);
        }

        return ref ReserveSlow(bytes);
    }

    /// <summary>True when <paramref name="bytes"/> more bytes fit without growing the buffer: the caller writes at <see cref="Tail"/>, or calls <see cref="Reserve"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool HasRoom(long bytes) => bytes <= _end - Bytes.Length;

    /// <summary>Where the next byte goes; writable only as far as <see cref="HasRoom"/> or <see cref="Reserve"/> said.</summary>
    public readonly ref byte Tail
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Bytes.At(Bytes.Length);
    }

    /// <summary>
    /// Counts <paramref name="bytes"/> the current trace takes outside the body against its limit.
    /// </summary>
    /// <returns>False when the trace would outgrow the limit (the caller then leaves it out).</returns>
    public bool ClaimOutside(long bytes)
    {
        long limit = (long)_chunkStart + _maxChunkBytes - (_outside + bytes);
        if (Bytes.Length > limit)
        {
            return false;
        }

        _outside += bytes;
        _end = (int)Math.Min(Bytes.Capacity, limit);
        return true;
    }

    /// <summary>Leaves the whole trace out: rewound now, before it costs more memory; its later spans fail at once.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public string TooLarge()
    {
        Bytes.Length = _chunkStart;
        _chunkFailure = DropReasons.TraceTooLarge;
        return DropReasons.TraceTooLarge;
    }

    /// <summary>Forgets the first <paramref name="chunks"/> traces (they were sent), moving the rest to the front; the buffers are kept.</summary>
    public void RemoveFirst(int chunks)
    {
        if (chunks == _chunkCount)
        {
            RememberSize();
            Bytes.Length = 0;
            _chunkCount = 0;
            return;
        }

        if (chunks == 0)
        {
            return;
        }

        int bytes = _chunkEnds![chunks - 1];
        int spans = _chunkSpans![chunks - 1];
        Bytes.RemoveFirst(bytes);
        for (int i = chunks; i < _chunkCount; i++)
        {
            _chunkEnds[i - chunks] = _chunkEnds[i] - bytes;
            _chunkSpans[i - chunks] = _chunkSpans[i] - spans;
        }

        _chunkCount -= chunks;
    }

    /// <summary>
    /// Makes the last complete trace the current one again, emptied, so it can be written anew (the
    /// bytes after its start stay in the buffer until overwritten); <see cref="EndChunk"/> completes it.
    /// </summary>
    /// <returns>Its span count.</returns>
    public int ReopenLast()
    {
        int last = --_chunkCount;
        int spans = SpansBetween(last, last + 1);
        _chunkStart = ChunkBegin(last);
        Bytes.Length = _chunkStart;
        _chunkFailure = null;
        _outside = 0;
        _end = (int)Math.Min(Bytes.Capacity, (long)_chunkStart + _maxChunkBytes);
        _chunkHeaderSize = MsgPack.CollectionHeaderSize(spans);
        return spans;
    }

    /// <summary>Rewinds to the end of the last complete trace: the traces before it stay intact and sendable.</summary>
    public void Abandon()
    {
        Bytes.Length = _chunkCount == 0 ? 0 : _chunkEnds![_chunkCount - 1];
        _chunkFailure = null;
    }

    /// <summary>Returns every buffer to the pool. Idempotent.</summary>
    public void Release()
    {
        RememberSize();
        Bytes.Return();
        if (_chunkEnds is not null)
        {
            _pools.Ints.Return(_chunkEnds);
            _pools.Ints.Return(_chunkSpans!);
            _chunkEnds = null;
            _chunkSpans = null;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ref byte ReserveSlow(long bytes)
    {
        long limit = (long)_chunkStart + _maxChunkBytes - _outside;
        if (Bytes.Length + bytes > limit)
        {
            return ref Unsafe.NullRef<byte>();
        }

        Bytes.Grow((int)bytes);
        _end = (int)Math.Min(Bytes.Capacity, limit);
        return ref Bytes.At(Bytes.Length);
    }

    private readonly void RememberSize()
    {
        if (Bytes.Length != 0)
        {
            Volatile.Write(ref s_sizeHint, Math.Clamp(Bytes.Length + (Bytes.Length / 8), InitialBytes, MaxSizeHint));
        }
    }

    private readonly int[] GrowCopy(int[] array, int used)
    {
        int[] larger = _pools.Ints.Rent(checked(array.Length * 2));
        array.AsSpan(0, used).CopyTo(larger);
        _pools.Ints.Return(array);
        return larger;
    }
}
