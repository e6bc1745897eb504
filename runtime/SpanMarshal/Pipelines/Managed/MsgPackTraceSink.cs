using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// The managed pipeline's sink: streams each span as a v0.4 msgpack map straight into one
/// pooled buffer. Headers whose counts are unknown until the end (a span's meta, a chunk's
/// spans) are reserved at their smallest likely size and patched, shifting the bytes after
/// them only when the count outgrew the reservation. Metrics arrive interleaved with meta, so
/// they go to a small scratch buffer that is appended when the span ends.
/// </summary>
/// <remarks>
/// The body holds the chunks back to back without the outer array header, so a batch can be
/// cut into requests at any chunk boundary (<see cref="EncodedBatch"/>). Call <see cref="Complete"/>
/// to take the result, or <see cref="Release"/> (always safe) to give the buffers back.
/// </remarks>
internal unsafe struct MsgPackTraceSink : ITraceSink
{
    private const int InitialBytes = 64 * 1024;
    private const int InitialMetricsBytes = 1024;
    private const int InitialChunks = 64;
    private const int MaxSizeHint = 32 * 1024 * 1024;

    // The last batch's size: renting that up front saves growing (and copying) the buffer
    // through every power of two again on each send.
    private static int s_sizeHint = InitialBytes;

    private Utf8Strings? _strings;
    private readonly BufferPools _pools;
    private readonly int _maxChunkBytes;
    private byte[]? _buffer;
    private int _position;
    private byte[]? _metrics;
    private int _metricsPosition;
    private int _metricsCount;
    private int _metaHeader;
    private int _metaCount;
    private int _chunkStart;
    private int _chunkHeaderSize;
    private int _chunkSpans;
    private bool _firstSpanInChunk;
    private bool _inSpan;
    private int[]? _chunkEnds;
    private int _chunkCount;
    private int _skippedTags;
    private int _droppedSpans;
    private string? _dropReason;

    /// <param name="maxChunkBytes">A chunk encoded larger than this is dropped (it could never be sent).</param>
    /// <param name="pools">Where buffers are rented (and returned by <see cref="Release"/> or the batch).</param>
    public MsgPackTraceSink(int maxChunkBytes, BufferPools pools)
    {
        _maxChunkBytes = maxChunkBytes;
        _pools = pools;
        _strings = Utf8Strings.Rent();
        _buffer = pools.Bytes.Rent(Volatile.Read(ref s_sizeHint));
        _metrics = pools.Bytes.Rent(InitialMetricsBytes);
        _chunkEnds = pools.Ints.Rent(InitialChunks);
    }

    /// <inheritdoc/>
    public readonly CharSlice Utf8(string? value) => _strings!.Get(value);

    /// <inheritdoc/>
    public void BeginChunk(int spanCount)
    {
        _chunkStart = _position;
        _chunkHeaderSize = MsgPack.CollectionHeaderSize(Math.Max(spanCount, 0));
        Reserve(_chunkHeaderSize);
        _position += _chunkHeaderSize;
        _chunkSpans = 0;
        _firstSpanInChunk = true;
    }

    /// <inheritdoc/>
    public void EndChunk()
    {
        if (_inSpan)
        {
            SinkMisuse.Throw(SinkMisuse.NeverEnded);
        }

        int size = MsgPack.CollectionHeaderSize(_chunkSpans);
        if (size > _chunkHeaderSize)
        {
            // The list grew while it was read; rare, so the shift is acceptable.
            ShiftRight(_chunkStart + _chunkHeaderSize, size - _chunkHeaderSize);
        }
        else
        {
            size = _chunkHeaderSize;
        }

        MsgPack.WriteCollectionHeader(ref At(_chunkStart), _chunkSpans, size, isMap: false);
        if (_position - _chunkStart > _maxChunkBytes)
        {
            _position = _chunkStart;
            _droppedSpans += _chunkSpans;
            _dropReason ??= "a trace is larger than the agent's request limit";
            return;
        }

        if (_chunkCount == _chunkEnds!.Length)
        {
            int[] larger = _pools.Ints.Rent(_chunkCount * 2);
            _chunkEnds.AsSpan(0, _chunkCount).CopyTo(larger);
            _pools.Ints.Return(_chunkEnds);
            _chunkEnds = larger;
        }

        _chunkEnds[_chunkCount++] = _position;
    }

    /// <inheritdoc/>
    public void ReportBadSpan(string reason)
    {
        _droppedSpans++;
        _dropReason ??= reason;
    }

    /// <inheritdoc/>
    public void StartSpan(in TracerSpanFields fields)
    {
        // A generator bug would otherwise send a corrupt body; the libdatadog sink refuses the same calls.
        if (_inSpan)
        {
            SinkMisuse.Throw(SinkMisuse.StartedTwice);
        }

        _inSpan = true;
        int strings = checked((int)fields.Service.Len + (int)fields.Name.Len + (int)fields.Resource.Len + (int)fields.SpanType.Len);
        ref byte d = ref Reserve(SpanKeys.FixedBytes + strings);
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
        _metaHeader = _position + p;
        p++;
        _metaCount = 0;
        if (_firstSpanInChunk && fields.TraceIdHigh != 0)
        {
            p += Copy(ref Unsafe.Add(ref d, p), SpanKeys.TraceIdHighTag);
            TraceIdTag.Format(fields.TraceIdHigh, MemoryMarshal.CreateSpan(ref Unsafe.Add(ref d, p), 16));
            p += 16;
            _metaCount = 1;
        }

        _position += p;
        _metricsPosition = 0;
        _metricsCount = 0;
    }

    /// <inheritdoc/>
    public void SetMeta(string key, string? value)
    {
        EnsureInSpan();
        if (value is not null)
        {
            AppendMeta(_strings!.Get(key), value);
        }
    }

    /// <inheritdoc/>
    public void SetMeta(ReadOnlySpan<byte> utf8Key, string? value)
    {
        EnsureInSpan();
        if (value is not null)
        {
            fixed (byte* key = utf8Key)
            {
                AppendMeta(new CharSlice(key, utf8Key.Length), value);
            }
        }
    }

    /// <inheritdoc/>
    public void SetMetric(string key, double value)
    {
        EnsureInSpan();
        AppendMetric(_strings!.Get(key), value);
    }

    /// <inheritdoc/>
    public void SetMetric(ReadOnlySpan<byte> utf8Key, double value)
    {
        EnsureInSpan();
        fixed (byte* key = utf8Key)
        {
            AppendMetric(new CharSlice(key, utf8Key.Length), value);
        }
    }

    /// <inheritdoc/>
    public void SkipTag(string key)
    {
        EnsureInSpan();
        _skippedTags++;
    }

    /// <inheritdoc/>
    public void EndSpan()
    {
        if (!_inSpan)
        {
            SinkMisuse.Throw(SinkMisuse.EndOutsideSpan);
        }

        _inSpan = false;
        int metaSize = MsgPack.CollectionHeaderSize(_metaCount);
        if (metaSize > 1)
        {
            ShiftRight(_metaHeader + 1, metaSize - 1);
        }

        MsgPack.WriteCollectionHeader(ref At(_metaHeader), _metaCount, metaSize, isMap: true);

        ref byte d = ref Reserve(SpanKeys.Metrics.Length + MsgPack.MaxHeaderBytes + _metricsPosition);
        int p = Copy(ref d, SpanKeys.Metrics);
        int metricsSize = MsgPack.CollectionHeaderSize(_metricsCount);
        MsgPack.WriteCollectionHeader(ref Unsafe.Add(ref d, p), _metricsCount, metricsSize, isMap: true);
        p += metricsSize;
        Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref d, p), ref MemoryMarshal.GetArrayDataReference(_metrics!), (uint)_metricsPosition);
        _position += p + _metricsPosition;

        _strings!.EndSpan();
        _chunkSpans++;
        _firstSpanInChunk = false;
    }

    /// <summary>The bytes encoded so far.</summary>
    public readonly int BytesWritten => _position;

    /// <summary>Hands the encoded batch (and the buffers) over; the sink is empty afterwards.</summary>
    public EncodedBatch Complete()
    {
        var batch = new EncodedBatch(_pools, _buffer!, _chunkEnds!, _chunkCount, _droppedSpans, _skippedTags, _dropReason);
        _buffer = null;
        _chunkEnds = null;
        Release();
        return batch;
    }

    /// <summary>Returns every buffer the sink still owns to the pool. Idempotent.</summary>
    public void Release()
    {
        if (_position != 0)
        {
            Volatile.Write(ref s_sizeHint, Math.Clamp(_position + (_position / 8), InitialBytes, MaxSizeHint));
        }

        if (_strings is not null)
        {
            _strings.Return();
            _strings = null;
        }

        if (_buffer is not null)
        {
            _pools.Bytes.Return(_buffer);
            _buffer = null;
        }

        if (_metrics is not null)
        {
            _pools.Bytes.Return(_metrics);
            _metrics = null;
        }

        if (_chunkEnds is not null)
        {
            _pools.Ints.Return(_chunkEnds);
            _chunkEnds = null;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void EnsureInSpan()
    {
        if (!_inSpan)
        {
            SinkMisuse.Throw(SinkMisuse.TagOutsideSpan);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendMeta(CharSlice key, string value)
    {
        if (value.Length <= Utf8Strings.SlotBytes)
        {
            // Values repeat across spans too (env, version, method, route): a cache hit copies bytes transcoded once.
            CharSlice v = _strings!.Get(value);
            ref byte c = ref Reserve((int)key.Len + (int)v.Len + (2 * MsgPack.MaxHeaderBytes));
            int q = WriteSlice(ref c, key);
            _position += q + WriteSlice(ref Unsafe.Add(ref c, q), v);
        }
        else
        {
            int valueMax = checked(value.Length * 3);
            ref byte d = ref Reserve(checked((int)key.Len + valueMax + (2 * MsgPack.MaxHeaderBytes)));
            int p = WriteSlice(ref d, key);
            _position += p + WriteUtf16(ref Unsafe.Add(ref d, p), value, valueMax);
        }

        _metaCount++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendMetric(CharSlice key, double value)
    {
        int needed = (int)key.Len + MsgPack.MaxHeaderBytes + MsgPack.MaxScalarBytes;
        if (_metrics!.Length - _metricsPosition < needed)
        {
            _metrics = GrowCopy(_metrics, _metricsPosition, needed);
        }

        ref byte d = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_metrics), _metricsPosition);
        int p = WriteSlice(ref d, key);
        _metricsPosition += p + MsgPack.WriteDouble(ref Unsafe.Add(ref d, p), value);
        _metricsCount++;
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

    // Transcodes straight into the body behind a header sized for the worst case, then
    // narrows the header (moving the bytes back) when the real length needs a smaller one.
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

    private readonly byte[] GrowCopy(byte[] buffer, int used, int needed)
    {
        byte[] larger = _pools.Bytes.Rent(Math.Max(checked(buffer.Length * 2), checked(used + needed)));
        buffer.AsSpan(0, used).CopyTo(larger);
        _pools.Bytes.Return(buffer);
        return larger;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref byte Reserve(int bytes)
    {
        if (_buffer!.Length - _position < bytes)
        {
            _buffer = GrowCopy(_buffer, _position, bytes);
        }

        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), _position);
    }

    private ref byte At(int offset) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer!), offset);

    // Opens a gap of `by` bytes at `from` by moving everything written after it.
    private void ShiftRight(int from, int by)
    {
        Reserve(by);
        _buffer.AsSpan(from, _position - from).CopyTo(_buffer.AsSpan(from + by));
        _position += by;
    }
}
