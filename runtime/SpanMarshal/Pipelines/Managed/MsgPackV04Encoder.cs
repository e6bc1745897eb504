using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Collections.Generic;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// Encodes each span as a v0.4 msgpack map straight into one pooled buffer (<see cref="ChunkedBody"/>):
/// the span's fixed part behind constant keys, then its tags (<see cref="SpanTags"/>).
/// </summary>
/// <remarks>
/// The body holds the traces back to back without the outer array header, so a batch can be cut
/// into requests at any trace boundary (<see cref="EncodedBatch"/>). The encoder lives as long as its
/// batch: filled, sent, cleared, filled again; <see cref="Release"/> gives the buffers back.
/// </remarks>
internal unsafe struct MsgPackV04Encoder : IMsgPackEncoder<MsgPackV04Encoder>
{
    private ChunkedBody _body;
    private SpanTags _tags;
    private Utf8Strings? _strings;

    /// <param name="maxChunkBytes">
    /// The most bytes one trace may take (it must fit in a request on its own); once the traces
    /// written reach it, the encoder is full. The body never grows past twice this.
    /// </param>
    /// <param name="pools">Where buffers are rented (and returned by <see cref="Release"/>).</param>
    public MsgPackV04Encoder(int maxChunkBytes, BufferPools pools)
    {
        _body = new ChunkedBody(maxChunkBytes, pools);
        _tags = new SpanTags(pools);
    }

    /// <summary>Full once the traces written reach one request's worth; the batch walk then stops before the next trace.</summary>
    public readonly bool IsFull => _body.Bytes.Length >= _body.MaxChunkBytes;

    /// <inheritdoc/>
    public Utf8Strings Strings
    {
        set => _strings = value;
    }

    /// <inheritdoc/>
    public readonly int ChunkCount => _body.ChunkCount;

    /// <inheritdoc/>
    public readonly int SpanCount => _body.SpansBetween(0, _body.ChunkCount);

    /// <inheritdoc/>
    public readonly int ByteCount => _body.Bytes.Length;

    /// <inheritdoc/>
    public static int Write<TSpan>(BatchMarshaller<TSpan> marshaller, IReadOnlyList<IReadOnlyList<TSpan>> traces, int firstTrace, ref TraceSink<MsgPackV04Encoder> sink)
        where TSpan : class
        => marshaller.Write(traces, firstTrace, ref sink);

    /// <inheritdoc/>
    public readonly BatchSlice Slice(int firstChunk, int maxBytes)
    {
        int start = _body.ChunkBegin(firstChunk);
        int end = firstChunk;
        while (end < ChunkCount && _body.ChunkEnd(end) - start + MsgPack.MaxHeaderBytes <= maxBytes)
        {
            end++;
        }

        end = Math.Max(end, Math.Min(firstChunk + 1, ChunkCount));
        int bodyEnd = end == firstChunk ? start : _body.ChunkEnd(end - 1);
        return new BatchSlice(_body.Bytes.WrittenMemory.Slice(start, bodyEnd - start), end - firstChunk, _body.SpansBetween(firstChunk, end));
    }

    /// <inheritdoc/>
    public readonly bool IsOpen(int firstChunk) => _body.Bytes.Length - _body.ChunkBegin(firstChunk) < _body.MaxChunkBytes;

    /// <inheritdoc/>
    public void BeginChunk(int spanCount) => _body.BeginChunk(spanCount);

    /// <inheritdoc/>
    public int EndChunk(int keptSpans, out string? failure) => _body.EndChunk(keptSpans, out failure);

    /// <inheritdoc/>
    /// <remarks>
    /// Not inlined: compiled on its own, every write here inlines. Inlined through the sink into each
    /// generated marshaller, they ran past the JIT's inlining budget, leaving calls in here and for the tags.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public string? StartSpan(in TracerSpanFields fields)
    {
        if (_body.ChunkFailure is { } failure)
        {
            return failure;
        }

        long strings = (long)fields.Service.Len + (long)fields.Name.Len + (long)fields.Resource.Len + (long)fields.SpanType.Len;

        // Room to copy the strings as whole slots: each copy's tail past its string is overwritten by the next
        // write, so one slot more than the exact size is enough. Near the trace's limit, only the exact size.
        ref byte d = ref _body.Reserve(SpanKeys.FixedBytes + strings + Utf8Strings.SlotBytes);
        bool wholeSlots = !Unsafe.IsNullRef(ref d);
        if (!wholeSlots)
        {
            d = ref _body.Reserve(SpanKeys.FixedBytes + strings);
            if (Unsafe.IsNullRef(ref d))
            {
                return _body.TooLarge();
            }
        }

        int p = MsgPack.Copy(ref d, SpanKeys.MapAndService);
        p += WriteText(ref Unsafe.Add(ref d, p), fields.Service, wholeSlots);
        p += MsgPack.Copy(ref Unsafe.Add(ref d, p), SpanKeys.Name);
        p += WriteText(ref Unsafe.Add(ref d, p), fields.Name, wholeSlots);
        p += MsgPack.Copy(ref Unsafe.Add(ref d, p), SpanKeys.Resource);
        p += WriteText(ref Unsafe.Add(ref d, p), fields.Resource, wholeSlots);
        p += MsgPack.Copy(ref Unsafe.Add(ref d, p), SpanKeys.Type);
        p += WriteText(ref Unsafe.Add(ref d, p), fields.SpanType, wholeSlots);
        p += MsgPack.Copy(ref Unsafe.Add(ref d, p), SpanKeys.TraceId);
        p += MsgPack.WriteUInt64(ref Unsafe.Add(ref d, p), fields.TraceIdLow);
        p += MsgPack.Copy(ref Unsafe.Add(ref d, p), SpanKeys.SpanId);
        p += MsgPack.WriteUInt64(ref Unsafe.Add(ref d, p), fields.SpanId);
        p += MsgPack.Copy(ref Unsafe.Add(ref d, p), SpanKeys.ParentId);
        p += MsgPack.WriteUInt64(ref Unsafe.Add(ref d, p), fields.ParentId);
        p += MsgPack.Copy(ref Unsafe.Add(ref d, p), SpanKeys.Start);
        p += MsgPack.WriteInt64(ref Unsafe.Add(ref d, p), fields.Start);
        p += MsgPack.Copy(ref Unsafe.Add(ref d, p), SpanKeys.Duration);
        p += MsgPack.WriteInt64(ref Unsafe.Add(ref d, p), fields.Duration);
        p += MsgPack.Copy(ref Unsafe.Add(ref d, p), SpanKeys.Error);
        p += MsgPack.WriteInt64(ref Unsafe.Add(ref d, p), fields.Error);
        p += MsgPack.Copy(ref Unsafe.Add(ref d, p), SpanKeys.Meta);

        // One byte holds a fixmap header; EndSpan widens it if the span has more than 15 meta.
        _tags.Start(_body.Bytes.Length + p);
        _body.Bytes.Length += p + 1;
        return null;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? SetMeta(ReadOnlySpan<byte> key, string value)
    {
        // Values repeat across spans too (env, version, method, route): a hit in the string's home slot copies the
        // bytes transcoded once, with fixed-size moves of its slot when the buffer has room for them (else exactly:
        // the buffer must grow, or the trace is near its limit). The rest is out of line, so each marshaller inlines
        // this at every tag.
        if (_strings!.TryGetHome(value, out CharSlice text))
        {
            if (!_body.HasRoom((long)key.Length + MsgPack.MaxHeaderBytes + MsgPack.SlotStringBytes))
            {
                return SetMetaExact(key, text);
            }

            ref byte d = ref _body.Tail;
            int p = MsgPack.WriteString(ref d, key);
            return AddedMeta(p + MsgPack.WriteSlotString(ref Unsafe.Add(ref d, p), ref *text.Ptr, (int)text.Len));
        }

        return SetMetaOutsideHome(key, value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? SetMeta(ReadOnlySpan<byte> key, CharSlice value)
    {
        ref byte d = ref _body.Reserve((long)key.Length + (long)value.Len + (2 * MsgPack.MaxHeaderBytes));
        if (Unsafe.IsNullRef(ref d))
        {
            return _body.TooLarge();
        }

        int p = MsgPack.WriteString(ref d, key);
        return AddedMeta(p + MsgPack.WriteString(ref Unsafe.Add(ref d, p), value));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? SetMetric(ReadOnlySpan<byte> key, double value)
    {
        ref byte d = ref _tags.ReserveMetric((long)key.Length + MsgPack.MaxHeaderBytes + MsgPack.MaxScalarBytes, _body.MaxChunkBytes);
        if (Unsafe.IsNullRef(ref d))
        {
            return _body.TooLarge();
        }

        int p = MsgPack.WriteString(ref d, key);
        _tags.AddedMetric(p + MsgPack.WriteDouble(ref Unsafe.Add(ref d, p), value));
        return null;
    }

    /// <inheritdoc/>
    public string? EndSpan()
    {
        if (Unsafe.IsNullRef(ref _body.Reserve(_tags.FinishBytes(SpanKeys.Metrics.Length))))
        {
            return _body.TooLarge();
        }

        _tags.Finish(ref _body.Bytes, SpanKeys.Metrics);
        return null;
    }

    /// <inheritdoc/>
    public void RemoveFirst(int chunks) => _body.RemoveFirst(chunks);

    /// <inheritdoc/>
    public void Abandon() => _body.Abandon();

    /// <inheritdoc/>
    public void Release()
    {
        _body.Release();
        _tags.Release();
    }

    // A cached string is copied with fixed-size moves of its slot when there is room for them. (A v0.5 request
    // re-encoded as v0.4 has no cache: its strings are written exactly.)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int WriteText(ref byte destination, CharSlice text, bool wholeSlots)
        => wholeSlots && _strings is { } strings && strings.InSlot(text)
            ? MsgPack.WriteSlotString(ref destination, ref *text.Ptr, (int)text.Len)
            : MsgPack.WriteString(ref destination, text);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private string? SetMetaExact(ReadOnlySpan<byte> key, CharSlice value) => SetMeta(key, value);

    // Not in its home slot: a value the cache holds elsewhere or takes now is copied from there, exactly; a value seen
    // for the first time lately, longer than a slot or empty (nothing worth a slot) is transcoded straight into the body.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private string? SetMetaOutsideHome(ReadOnlySpan<byte> key, string value)
        => (uint)(value.Length - 1) < Utf8Strings.SlotBytes && _strings!.TryGetSeen(value, out CharSlice text)
            ? SetMeta(key, text)
            : SetMetaTranscoded(key, value);

    private string? SetMetaTranscoded(ReadOnlySpan<byte> key, string value)
    {
        // Three bytes per char is the most UTF-8 can take; only near the limit is the exact size worth counting.
        long valueMax = (long)value.Length * 3;
        ref byte d = ref _body.Reserve((long)key.Length + valueMax + (2 * MsgPack.MaxHeaderBytes));
        if (Unsafe.IsNullRef(ref d))
        {
            valueMax = Encoding.UTF8.GetByteCount(value);
            d = ref _body.Reserve((long)key.Length + valueMax + (2 * MsgPack.MaxHeaderBytes));
            if (Unsafe.IsNullRef(ref d))
            {
                return _body.TooLarge();
            }
        }

        int p = MsgPack.WriteString(ref d, key);
        return AddedMeta(p + MsgPack.WriteUtf16(ref Unsafe.Add(ref d, p), value, (int)valueMax));
    }

    // A meta entry of this many bytes was written at the body's end.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private string? AddedMeta(int bytes)
    {
        _body.Bytes.Length += bytes;
        _tags.AddedMeta();
        return null;
    }
}
