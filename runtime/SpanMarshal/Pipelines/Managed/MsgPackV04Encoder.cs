using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// Encodes each span as a v0.4 msgpack map straight into one pooled buffer. Headers whose counts
/// are unknown until the end (a span's meta, a trace's spans) are reserved at their smallest
/// likely size and patched, shifting the bytes after them only when the count outgrew the
/// reservation. Metrics arrive interleaved with meta, so they go to a small scratch buffer that
/// is appended when the span ends.
/// </summary>
/// <remarks>
/// The body holds the traces back to back without the outer array header, so a batch can be cut
/// into requests at any trace boundary (<see cref="EncodedBatch"/>). No trace may grow past the
/// request limit: every reservation is checked against it (in 64-bit arithmetic, so no user string
/// can wrap a size), and a trace that would is rewound and left out before it costs more memory.
/// The encoder lives as long as its <see cref="EncodedBatch"/>: filled, sent, cleared, filled again;
/// <see cref="Release"/> gives the buffers back.
/// </remarks>
internal unsafe struct MsgPackV04Encoder : ISpanEncoder
{
    private const int InitialBytes = 64 * 1024;
    private const int InitialMetricsBytes = 1024;
    private const int InitialChunks = 64;
    private const int MaxSizeHint = 32 * 1024 * 1024;

    // The last batch's size: renting that up front saves growing (and copying) the buffer
    // through every power of two again on each send.
    private static int s_sizeHint = InitialBytes;

    private readonly BufferPools _pools;
    private readonly int _maxChunkBytes;
    private PooledBuffer _body;
    private PooledBuffer _metrics;
    private int _metricsCount;
    private int _end;
    private int _metaHeader;
    private int _metaCount;
    private int _chunkStart;
    private int _chunkHeaderSize;
    private string? _chunkFailure;
    private int[]? _chunkEnds;
    private int[]? _chunkSpans;
    private int _chunkCount;
    private Utf8Strings? _strings;

    /// <param name="maxChunkBytes">
    /// The most bytes one trace may take (it must fit in a request on its own); once the traces
    /// written reach it, the encoder is full. The body never grows past twice this.
    /// </param>
    /// <param name="pools">Where buffers are rented (and returned by <see cref="Release"/>).</param>
    public MsgPackV04Encoder(int maxChunkBytes, BufferPools pools)
    {
        _maxChunkBytes = maxChunkBytes;
        _pools = pools;
        _body = new PooledBuffer(pools.Bytes, Math.Min(Volatile.Read(ref s_sizeHint), maxChunkBytes));
        _metrics = new PooledBuffer(pools.Bytes, InitialMetricsBytes);
        _chunkEnds = pools.Ints.Rent(InitialChunks);
        _chunkSpans = pools.Ints.Rent(InitialChunks);
    }

    /// <summary>Full once the traces written reach one request's worth; the batch walk then stops before the next trace.</summary>
    public readonly bool IsFull => _body.Length >= _maxChunkBytes;

    /// <inheritdoc/>
    public Utf8Strings Strings
    {
        set => _strings = value;
    }

    /// <summary>The traces encoded and not yet cleared.</summary>
    public readonly int ChunkCount => _chunkCount;

    /// <summary>The encoded traces, back to back.</summary>
    public readonly ReadOnlyMemory<byte> Body => _body.WrittenMemory;

    /// <summary>Where trace <paramref name="chunk"/> ends in <see cref="Body"/>.</summary>
    public readonly int ChunkEnd(int chunk) => _chunkEnds![chunk];

    /// <summary>The spans in traces 0 to <paramref name="chunk"/>.</summary>
    public readonly int SpansThrough(int chunk) => _chunkSpans![chunk];

    /// <inheritdoc/>
    public void BeginChunk(int spanCount)
    {
        _chunkFailure = null;
        _chunkStart = _body.Length;
        _end = (int)Math.Min(_body.Capacity, (long)_chunkStart + _maxChunkBytes);
        _chunkHeaderSize = MsgPack.CollectionHeaderSize(spanCount);
        if (Unsafe.IsNullRef(ref Reserve(_chunkHeaderSize)))
        {
            TooLarge();
            return;
        }

        _body.Length += _chunkHeaderSize;
    }

    /// <inheritdoc/>
    public int EndChunk(int keptSpans, out string? failure)
    {
        failure = _chunkFailure;
        if (failure is not null || keptSpans == 0)
        {
            _body.Length = _chunkStart;
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

            _body.ShiftRight(_chunkStart + _chunkHeaderSize, size - _chunkHeaderSize);
        }
        else
        {
            size = _chunkHeaderSize;
        }

        MsgPack.WriteCollectionHeader(ref _body.At(_chunkStart), keptSpans, size, isMap: false);
        if (_chunkCount == _chunkEnds!.Length)
        {
            _chunkEnds = GrowCopy(_chunkEnds, _chunkCount);
            _chunkSpans = GrowCopy(_chunkSpans!, _chunkCount);
        }

        _chunkSpans![_chunkCount] = (_chunkCount == 0 ? 0 : _chunkSpans[_chunkCount - 1]) + keptSpans;
        _chunkEnds[_chunkCount++] = _body.Length;
        return keptSpans;
    }

    /// <inheritdoc/>
    public string? StartSpan(in TracerSpanFields fields)
    {
        if (_chunkFailure is not null)
        {
            return _chunkFailure;
        }

        long strings = (long)fields.Service.Len + (long)fields.Name.Len + (long)fields.Resource.Len + (long)fields.SpanType.Len;
        ref byte d = ref Reserve(SpanKeys.FixedBytes + strings);
        if (Unsafe.IsNullRef(ref d))
        {
            return TooLarge();
        }

        int p = Copy(ref d, SpanKeys.MapAndService);
        p += WriteSlice(ref Unsafe.Add(ref d, p), fields.Service);
        p += Copy(ref Unsafe.Add(ref d, p), SpanKeys.Name);
        p += WriteSlice(ref Unsafe.Add(ref d, p), fields.Name);
        p += Copy(ref Unsafe.Add(ref d, p), SpanKeys.Resource);
        p += WriteSlice(ref Unsafe.Add(ref d, p), fields.Resource);
        p += Copy(ref Unsafe.Add(ref d, p), SpanKeys.Type);
        p += WriteSlice(ref Unsafe.Add(ref d, p), fields.SpanType);
        p += Copy(ref Unsafe.Add(ref d, p), SpanKeys.TraceId);
        p += MsgPack.WriteUInt64(ref Unsafe.Add(ref d, p), fields.TraceIdLow);
        p += Copy(ref Unsafe.Add(ref d, p), SpanKeys.SpanId);
        p += MsgPack.WriteUInt64(ref Unsafe.Add(ref d, p), fields.SpanId);
        p += Copy(ref Unsafe.Add(ref d, p), SpanKeys.ParentId);
        p += MsgPack.WriteUInt64(ref Unsafe.Add(ref d, p), fields.ParentId);
        p += Copy(ref Unsafe.Add(ref d, p), SpanKeys.Start);
        p += MsgPack.WriteInt64(ref Unsafe.Add(ref d, p), fields.Start);
        p += Copy(ref Unsafe.Add(ref d, p), SpanKeys.Duration);
        p += MsgPack.WriteInt64(ref Unsafe.Add(ref d, p), fields.Duration);
        p += Copy(ref Unsafe.Add(ref d, p), SpanKeys.Error);
        p += MsgPack.WriteInt64(ref Unsafe.Add(ref d, p), fields.Error);
        p += Copy(ref Unsafe.Add(ref d, p), SpanKeys.Meta);

        // One byte holds a fixmap header; EndSpan widens it if the span has more than 15 meta.
        _metaHeader = _body.Length + p;
        _metaCount = 0;
        _body.Length += p + 1;
        _metrics.Length = 0;
        _metricsCount = 0;
        return null;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? SetMeta(CharSlice key, string value)
    {
        // Values repeat across spans too (env, version, method, route): a cache hit copies bytes transcoded once.
        return value.Length <= Utf8Strings.SlotBytes ? SetMeta(key, _strings!.Get(value)) : SetLongMeta(key, value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? SetMeta(CharSlice key, CharSlice value)
    {
        ref byte d = ref Reserve((long)key.Len + (long)value.Len + (2 * MsgPack.MaxHeaderBytes));
        if (Unsafe.IsNullRef(ref d))
        {
            return TooLarge();
        }

        int p = WriteSlice(ref d, key);
        _body.Length += p + WriteSlice(ref Unsafe.Add(ref d, p), value);
        _metaCount++;
        return null;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? SetMetric(CharSlice key, double value)
    {
        long needed = (long)key.Len + MsgPack.MaxHeaderBytes + MsgPack.MaxScalarBytes;
        if (needed > _metrics.Capacity - _metrics.Length)
        {
            if (_metrics.Length + needed > _maxChunkBytes)
            {
                return TooLarge();
            }

            _metrics.Grow((int)needed);
        }

        ref byte d = ref _metrics.At(_metrics.Length);
        int p = WriteSlice(ref d, key);
        _metrics.Length += p + MsgPack.WriteDouble(ref Unsafe.Add(ref d, p), value);
        _metricsCount++;
        return null;
    }

    /// <inheritdoc/>
    public string? EndSpan()
    {
        int metaSize = MsgPack.CollectionHeaderSize(_metaCount);
        if (Unsafe.IsNullRef(ref Reserve((metaSize - 1) + SpanKeys.Metrics.Length + MsgPack.MaxHeaderBytes + (long)_metrics.Length)))
        {
            return TooLarge();
        }

        if (metaSize > 1)
        {
            _body.ShiftRight(_metaHeader + 1, metaSize - 1);
        }

        MsgPack.WriteCollectionHeader(ref _body.At(_metaHeader), _metaCount, metaSize, isMap: true);
        ref byte d = ref _body.At(_body.Length);
        int p = Copy(ref d, SpanKeys.Metrics);
        int metricsSize = MsgPack.CollectionHeaderSize(_metricsCount);
        MsgPack.WriteCollectionHeader(ref Unsafe.Add(ref d, p), _metricsCount, metricsSize, isMap: true);
        p += metricsSize;
        Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref d, p), ref _metrics.At(0), (uint)_metrics.Length);
        _body.Length += p + _metrics.Length;
        return null;
    }

    /// <summary>Forgets the first <paramref name="chunks"/> traces (they were sent), moving the rest to the front; the buffers are kept.</summary>
    public void RemoveFirst(int chunks)
    {
        if (chunks == _chunkCount)
        {
            RememberSize();
            _body.Length = 0;
            _chunkCount = 0;
            return;
        }

        if (chunks == 0)
        {
            return;
        }

        int bytes = _chunkEnds![chunks - 1];
        int spans = _chunkSpans![chunks - 1];
        _body.RemoveFirst(bytes);
        for (int i = chunks; i < _chunkCount; i++)
        {
            _chunkEnds[i - chunks] = _chunkEnds[i] - bytes;
            _chunkSpans[i - chunks] = _chunkSpans[i] - spans;
        }

        _chunkCount -= chunks;
    }

    /// <summary>
    /// Rewinds to the end of the last complete trace, after an exception escaped a span getter in
    /// the middle of one: the traces before it stay intact and sendable.
    /// </summary>
    public void Abandon()
    {
        _body.Length = _chunkCount == 0 ? 0 : _chunkEnds![_chunkCount - 1];
        _chunkFailure = null;
    }

    /// <summary>Returns every buffer the encoder still owns to the pool. Idempotent.</summary>
    public void Release()
    {
        RememberSize();
        _body.Return();
        _metrics.Return();
        if (_chunkEnds is not null)
        {
            _pools.Ints.Return(_chunkEnds);
            _pools.Ints.Return(_chunkSpans!);
            _chunkEnds = null;
            _chunkSpans = null;
        }
    }

    private readonly void RememberSize()
    {
        if (_body.Length != 0)
        {
            Volatile.Write(ref s_sizeHint, Math.Clamp(_body.Length + (_body.Length / 8), InitialBytes, MaxSizeHint));
        }
    }

    private readonly int[] GrowCopy(int[] array, int used)
    {
        int[] larger = _pools.Ints.Rent(checked(array.Length * 2));
        array.AsSpan(0, used).CopyTo(larger);
        _pools.Ints.Return(array);
        return larger;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Copy(ref byte destination, ReadOnlySpan<byte> constant)
    {
        constant.CopyTo(MemoryMarshal.CreateSpan(ref destination, constant.Length));
        return constant.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteSlice(ref byte destination, CharSlice value)
    {
        int length = (int)value.Len;
        int header = MsgPack.StringHeaderSize(length);
        MsgPack.WriteStringHeader(ref destination, length, header);
        if (length != 0)
        {
            Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref destination, header), ref *value.Ptr, (uint)length);
        }

        return header + length;
    }

    // Transcodes straight into the body behind a header sized for the worst case, then narrows the
    // header (moving the bytes back) when the real length needs a smaller one. Invalid UTF-16 becomes
    // U+FFFD, as in every other string the pipelines send.
    private static int WriteUtf16(ref byte destination, string value, int maxBytes)
    {
        int header = MsgPack.StringHeaderSize(maxBytes);
        System.Text.Unicode.Utf8.FromUtf16(value, MemoryMarshal.CreateSpan(ref Unsafe.Add(ref destination, header), maxBytes), out _, out int written);
        int size = MsgPack.StringHeaderSize(written);
        if (size < header)
        {
            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref destination, header), written)
                .CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref destination, size), written));
        }

        MsgPack.WriteStringHeader(ref destination, written, size);
        return size + written;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private string? SetLongMeta(CharSlice key, string value)
    {
        // Three bytes per char is the most UTF-8 can take; only near the limit is the exact size worth counting.
        long valueMax = (long)value.Length * 3;
        ref byte d = ref Reserve((long)key.Len + valueMax + (2 * MsgPack.MaxHeaderBytes));
        if (Unsafe.IsNullRef(ref d))
        {
            valueMax = Encoding.UTF8.GetByteCount(value);
            d = ref Reserve((long)key.Len + valueMax + (2 * MsgPack.MaxHeaderBytes));
            if (Unsafe.IsNullRef(ref d))
            {
                return TooLarge();
            }
        }

        int p = WriteSlice(ref d, key);
        _body.Length += p + WriteUtf16(ref Unsafe.Add(ref d, p), value, (int)valueMax);
        _metaCount++;
        return null;
    }

    // Room for `bytes` more bytes of the current trace, or a null ref when the trace would outgrow the request limit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref byte Reserve(long bytes)
    {
        if (bytes <= _end - _body.Length)
        {
            return ref _body.At(_body.Length);
        }

        return ref ReserveSlow(bytes);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ref byte ReserveSlow(long bytes)
    {
        long limit = (long)_chunkStart + _maxChunkBytes;
        if (_body.Length + bytes > limit)
        {
            return ref Unsafe.NullRef<byte>();
        }

        _body.Grow((int)bytes);
        _end = (int)Math.Min(_body.Capacity, limit);
        return ref _body.At(_body.Length);
    }

    // Leaves the whole trace out: rewound now, before it costs more memory; its later spans fail at once.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private string TooLarge()
    {
        _body.Length = _chunkStart;
        _chunkFailure = DropReasons.TraceTooLarge;
        return DropReasons.TraceTooLarge;
    }
}
