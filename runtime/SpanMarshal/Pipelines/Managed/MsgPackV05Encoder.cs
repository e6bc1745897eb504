using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// Encodes each span as a v0.5 array of 12 elements (service, name, resource, trace_id, span_id,
/// parent_id, start, duration, error, meta, metrics, type) whose strings are indexes into a string
/// table that holds each distinct string once per request.
/// </summary>
/// <remarks>
/// <para>
/// Finding a string's index by its bytes would cost more than v0.5 saves, so it is first looked up
/// by identity: a string instance cached in a <see cref="Utf8Strings"/> slot carries its index in the
/// slot's tag (cleared when the slot changes hands), and any other view (a UTF-8 literal key, an
/// exporter default) is remembered by address and confirmed by comparing its few bytes with the
/// entry's. Only a string seen neither way is hashed and looked up in the table's content index.
/// </para>
/// <para>
/// The batch is cut into requests here, not afterwards: each request (a segment) has its own table,
/// so a table never holds strings of traces already sent. Traces are appended to the open segment;
/// when a trace makes it larger than a request, the trace moves into a new segment (its indexes
/// rewritten against a new table) and the one before is closed: full, it goes in the next request.
/// A segment kept for the next fill keeps its table. A trace that leaves the encoder is rewound with
/// the strings it added.
/// </para>
/// </remarks>
internal unsafe struct MsgPackV05Encoder : IMsgPackEncoder<MsgPackV05Encoder>
{
    private const int AddressSlots = 256;
    private const byte SpanArrayHeader = 0x90 | 12;

    // The most bytes StartSpan writes: the span's array header, three indexes, six integers and the meta header.
    private const int SpanHeadBytes = 1 + (3 * MsgPack.MaxHeaderBytes) + (6 * MsgPack.MaxScalarBytes) + 1;

    // Every table and every rewind draws a new generation, so an address remembered for an older table never matches.
    private static int s_generations;

    private readonly BufferPools _pools;
    private readonly int _maxSegmentBytes;
    private ChunkedBody _body;
    private SpanTags _tags;
    private StringTable _open;
    private StringTable _closed;
    private AddressEntry[]? _addresses;
    private int _generation;
    private int _closedChunks;
    private bool _hasClosed;
    private int _chunkTableStart;
    private int _typeIndex;
    private Utf8Strings? _strings;
    private Utf8Strings.TableTag[]? _slotTags;
    private byte* _slotBase;

    /// <param name="maxRequestBytes">The agent's request limit: no segment (table, traces and headers) is larger.</param>
    /// <param name="pools">Where buffers are rented (and returned by <see cref="Release"/>).</param>
    public MsgPackV05Encoder(int maxRequestBytes, BufferPools pools)
    {
        _pools = pools;
        _maxSegmentBytes = maxRequestBytes - BatchContent.MaxHeadersBytes;
        _body = new ChunkedBody(_maxSegmentBytes, pools);
        _tags = new SpanTags(pools);
        _open = new StringTable(pools);
        _closed = new StringTable(pools);
        _addresses = ArrayPool<AddressEntry>.Shared.Rent(AddressSlots);
        _generation = Interlocked.Increment(ref s_generations);
    }

    /// <summary>Full once a segment is closed: the batch walk then stops before the next trace.</summary>
    public readonly bool IsFull => _hasClosed;

    /// <inheritdoc/>
    public Utf8Strings Strings
    {
        set
        {
            _strings = value;
            _slotTags = value.TableTags;
            _slotBase = value.SlotBase;
        }
    }

    /// <inheritdoc/>
    public readonly int ChunkCount => _body.ChunkCount;

    /// <inheritdoc/>
    public readonly int SpanCount => _body.SpansBetween(0, _body.ChunkCount);

    /// <inheritdoc/>
    public readonly int ByteCount => _body.Bytes.Length + _open.Encoded.Length + _closed.Encoded.Length;

    // The open segment's size as a request would carry it (less the headers, which the limit already left room for).
    private readonly long OpenSegmentBytes => _open.Encoded.Length + (long)_body.Bytes.Length - _body.ChunkBegin(_closedChunks);

    /// <inheritdoc/>
    public static int Write<TSpan>(BatchMarshaller<TSpan> marshaller, IReadOnlyList<IReadOnlyList<TSpan>> traces, int firstTrace, ref TraceSink<MsgPackV05Encoder> sink)
        where TSpan : class
        => marshaller.Write(traces, firstTrace, ref sink);

    /// <inheritdoc/>
    /// <remarks>A segment always fits in a request of the size the encoder was made for.</remarks>
    public readonly BatchSlice Slice(int firstChunk, int maxBytes)
    {
        bool closed = _hasClosed && firstChunk == 0 && _closedChunks != 0;
        int end = closed ? _closedChunks : ChunkCount;
        int start = _body.ChunkBegin(firstChunk);
        int bodyEnd = end == firstChunk ? start : _body.ChunkEnd(end - 1);
        StringTable table = closed ? _closed : _open;
        return new BatchSlice(_body.Bytes.WrittenMemory[start..bodyEnd], end - firstChunk, _body.SpansBetween(firstChunk, end))
        {
            Version = TraceApiVersion.V05,
            StringTable = table.Encoded,
            StringCount = table.Count,
        };
    }

    /// <inheritdoc/>
    public readonly bool IsOpen(int firstChunk) => !(_hasClosed && firstChunk == 0 && _closedChunks != 0);

    /// <inheritdoc/>
    public void BeginChunk(int spanCount)
    {
        _chunkTableStart = _open.Count;
        _body.BeginChunk(spanCount);
    }

    /// <inheritdoc/>
    public int EndChunk(int keptSpans, out string? failure)
    {
        int kept = _body.EndChunk(keptSpans, out failure);
        if (kept == 0)
        {
            ForgetChunkStrings();
            return 0;
        }

        long size = OpenSegmentBytes;
        if (size > _maxSegmentBytes && _body.ChunkCount - _closedChunks > 1)
        {
            if (!MoveLastChunkToNewSegment())
            {
                failure = DropReasons.TraceTooLarge;
                return 0;
            }
        }
        else if (size >= _maxSegmentBytes)
        {
            // Exactly a request's worth (a trace alone cannot be more: its size was bounded as it was written).
            Close(_body.ChunkCount);
        }

        return kept;
    }

    /// <inheritdoc/>
    public string? StartSpan(in TracerSpanFields fields)
    {
        if (_body.ChunkFailure is { } failure)
        {
            return failure;
        }

        int service = Index(fields.Service);
        int name = Index(fields.Name);
        int resource = Index(fields.Resource);
        _typeIndex = Index(fields.SpanType);
        if ((service | name | resource | _typeIndex) < 0)
        {
            return TooLarge();
        }

        ref byte d = ref _body.Reserve(SpanHeadBytes);
        if (Unsafe.IsNullRef(ref d))
        {
            return TooLarge();
        }

        int p = WriteSpanHead(ref d, service, name, resource, fields.TraceIdLow, fields.SpanId, fields.ParentId, fields.Start, fields.Duration, fields.Error);

        // One byte holds a fixmap header; EndSpan widens it if the span has more than 15 meta.
        _tags.Start(_body.Bytes.Length + p);
        _body.Bytes.Length += p + 1;
        return null;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Not inlined: each tag's two table lookups are most of a v0.5 span's code, and the typical marshaller inlining
    /// them all ran past the JIT's inlining budget, leaving its metrics and checks as calls.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public string? SetMeta(ReadOnlySpan<byte> key, string value) => SetMeta(key, _strings!.Get(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? SetMeta(ReadOnlySpan<byte> key, CharSlice value)
    {
        int k = Index(key);
        int v = Index(value);
        ref byte d = ref _body.Reserve(2 * MsgPack.MaxHeaderBytes);
        if ((k | v) < 0 || Unsafe.IsNullRef(ref d))
        {
            return TooLarge();
        }

        int p = MsgPack.WriteUInt64(ref d, (uint)k);
        _body.Bytes.Length += p + MsgPack.WriteUInt64(ref Unsafe.Add(ref d, p), (uint)v);
        _tags.AddedMeta();
        return null;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? SetMetric(ReadOnlySpan<byte> key, double value)
    {
        int k = Index(key);
        ref byte d = ref _tags.ReserveMetric(MsgPack.MaxHeaderBytes + MsgPack.MaxScalarBytes, _maxSegmentBytes);
        if (k < 0 || Unsafe.IsNullRef(ref d))
        {
            return TooLarge();
        }

        int p = MsgPack.WriteUInt64(ref d, (uint)k);
        _tags.AddedMetric(p + MsgPack.WriteDouble(ref Unsafe.Add(ref d, p), value));
        return null;
    }

    /// <inheritdoc/>
    public string? EndSpan()
    {
        if (Unsafe.IsNullRef(ref _body.Reserve(_tags.FinishBytes(0) + MsgPack.MaxHeaderBytes)))
        {
            return TooLarge();
        }

        _tags.Finish(ref _body.Bytes, default);
        _body.Bytes.Length += MsgPack.WriteUInt64(ref _body.Bytes.At(_body.Bytes.Length), (uint)_typeIndex);
        return null;
    }

    /// <inheritdoc/>
    public void RemoveFirst(int chunks)
    {
        if (chunks == 0)
        {
            return;
        }

        _body.RemoveFirst(chunks);
        if (_hasClosed && chunks == _closedChunks)
        {
            _closed.Clear();
        }
        else
        {
            _closed.Clear();
            _open.Clear();
            NewGeneration();
        }

        _hasClosed = false;
        _closedChunks = 0;
    }

    /// <inheritdoc/>
    public void Abandon()
    {
        _body.Abandon();
        ForgetChunkStrings();
    }

    /// <inheritdoc/>
    public void Release()
    {
        _body.Release();
        _tags.Release();
        _open.Release();
        _closed.Release();
        if (_addresses is not null)
        {
            ArrayPool<AddressEntry>.Shared.Return(_addresses);
            _addresses = null;
        }
    }

    // The table index of `value`, or -1 when adding it would make the trace larger than a request. A string
    // cached in a Utf8Strings slot is known by identity (the slot's tag); any other view by its address.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Index(CharSlice value)
    {
        nuint slotOffset = (nuint)value.Ptr - (nuint)_slotBase;
        if (slotOffset < Utf8Strings.SlotCount * Utf8Strings.SlotBytes)
        {
            ref Utf8Strings.TableTag tag = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slotTags!), (int)(slotOffset / Utf8Strings.SlotBytes));
            return tag.Generation == _generation ? tag.Index : IndexOfSlot(value, ref tag);
        }

        return Index(MemoryMarshal.CreateReadOnlySpan(ref *value.Ptr, (int)value.Len));
    }

    // The table index of `utf8` by its address, checked against the entry's bytes (the same address may hold other
    // bytes by now). Keys come here too (the generated code's are UTF-8 literals, which never move). The address is
    // only compared, never read through: the bytes are checked through the span, so a key is not pinned (pinning each
    // one cost v0.5 about 30 ns per span, as the marshaller then outgrew the JIT's inlining budget), and a key the GC
    // has moved is simply not found at its old address.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Index(ReadOnlySpan<byte> utf8)
    {
        ref byte first = ref MemoryMarshal.GetReference(utf8);
        byte* address = (byte*)Unsafe.AsPointer(ref first);
        ref AddressEntry entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_addresses!), (int)(((ulong)address * 0x9E3779B97F4A7C15UL) >> 56));
        return entry.Address == address && entry.Generation == _generation && entry.Length == utf8.Length && _open.Holds(entry.Offset, ref first, utf8.Length)
            ? entry.Index
            : IndexOfAddress(utf8, ref entry);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int IndexOfSlot(CharSlice value, ref Utf8Strings.TableTag tag)
    {
        int index = AddOrFind(ref _open, new ReadOnlySpan<byte>(value.Ptr, (int)value.Len));
        if (index >= 0)
        {
            tag = new Utf8Strings.TableTag { Generation = _generation, Index = index };
        }

        return index;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int IndexOfAddress(ReadOnlySpan<byte> utf8, ref AddressEntry entry)
    {
        ref byte first = ref MemoryMarshal.GetReference(utf8);

        // A string too large to transcode arrives as a null reference with its length (see ISpanEncoder).
        if ((Unsafe.IsNullRef(ref first) && !utf8.IsEmpty) || utf8.Length > _maxSegmentBytes)
        {
            return -1;
        }

        int index = AddOrFind(ref _open, utf8);
        if (index >= 0)
        {
            entry = new AddressEntry { Address = (byte*)Unsafe.AsPointer(ref first), Generation = _generation, Index = index, Offset = _open.Offset(index), Length = utf8.Length };
        }

        return index;
    }

    // The index of `utf8` in `table`, added (and counted against the current trace's limit) when new.
    private int AddOrFind(ref StringTable table, ReadOnlySpan<byte> utf8)
    {
        int hash = StringTable.Hash(utf8);
        int index = table.Find(utf8, hash);
        if (index >= 0)
        {
            return index;
        }

        return _body.ClaimOutside(StringTable.EntryBytes(utf8.Length)) ? table.Add(utf8, hash) : -1;
    }

    private string TooLarge()
    {
        string failure = _body.TooLarge();
        ForgetChunkStrings();
        return failure;
    }

    // A trace left out takes the strings it added with it, so the request carries none it does not use.
    private void ForgetChunkStrings()
    {
        if (_open.Count != _chunkTableStart)
        {
            _open.Truncate(_chunkTableStart);
            NewGeneration();
        }
    }

    private void NewGeneration() => _generation = Interlocked.Increment(ref s_generations);

    // The open segment becomes the closed one, with its chunks up to `chunks`; a new open segment starts empty.
    private void Close(int chunks)
    {
        (_open, _closed) = (_closed, _open);
        _open.Clear();
        _hasClosed = true;
        _closedChunks = chunks;
        NewGeneration();
    }

    // The last trace made the open segment larger than a request: the segment is closed without it and
    // the trace starts a new one, its indexes rewritten against the new segment's table.
    private bool MoveLastChunkToNewSegment()
    {
        int last = _body.ChunkCount - 1;
        int from = _body.ChunkBegin(last);
        int length = _body.Bytes.Length - from;
        byte[] copy = _pools.Bytes.Rent(length);
        int[] remap = _pools.Ints.Rent(_open.Count);
        try
        {
            _body.Bytes.Written[from..].CopyTo(copy);
            Close(last);
            int spans = _body.ReopenLast();
            remap.AsSpan(0, _closed.Count).Fill(-1);
            bool moved = Rewrite(new V05Reader(copy.AsSpan(0, length)), remap);

            // The closed table keeps only the strings of the traces it still serves.
            _closed.Truncate(_chunkTableStart);
            if (!moved)
            {
                _body.TooLarge();
                _open.Clear();
                return false;
            }

            _body.EndChunk(spans, out _);
            return true;
        }
        finally
        {
            _pools.Bytes.Return(copy);
            _pools.Ints.Return(remap);
        }
    }

    // Writes the trace `reader` holds into the body, its indexes into the closed table turned into the open table's.
    private bool Rewrite(V05Reader reader, int[] remap)
    {
        int spans = reader.ReadHeader();
        if (!AppendHeader(spans, isMap: false))
        {
            return false;
        }

        for (int s = 0; s < spans; s++)
        {
            V05SpanHead head = reader.ReadSpanHead();
            int service = Remap(head.Service, remap), name = Remap(head.Name, remap), resource = Remap(head.Resource, remap);
            ref byte d = ref _body.Reserve(SpanHeadBytes);
            if ((service | name | resource) < 0 || Unsafe.IsNullRef(ref d))
            {
                return false;
            }

            int p = WriteSpanHead(ref d, service, name, resource, head.TraceId, head.SpanId, head.ParentId, head.Start, head.Duration, head.Error);
            _body.Bytes.Length += p;

            int meta = reader.ReadHeader();
            bool ok = AppendHeader(meta, isMap: true);
            for (int i = 0; ok && i < 2 * meta; i++)
            {
                ok = AppendIndex(Remap(reader.ReadIndex(), remap));
            }

            int metrics = ok ? reader.ReadHeader() : 0;
            ok = ok && AppendHeader(metrics, isMap: true);
            for (int i = 0; ok && i < metrics; i++)
            {
                ok = AppendIndex(Remap(reader.ReadIndex(), remap)) && AppendDouble(reader.ReadDouble());
            }

            if (!ok || !AppendIndex(Remap(reader.ReadIndex(), remap)))
            {
                return false;
            }
        }

        return true;
    }

    private int Remap(int closedIndex, int[] remap)
    {
        if (remap[closedIndex] < 0)
        {
            remap[closedIndex] = AddOrFind(ref _open, _closed.Utf8(closedIndex));
        }

        return remap[closedIndex];
    }

    private bool AppendHeader(int count, bool isMap)
    {
        ref byte d = ref _body.Reserve(MsgPack.MaxHeaderBytes);
        if (Unsafe.IsNullRef(ref d))
        {
            return false;
        }

        int size = MsgPack.CollectionHeaderSize(count);
        MsgPack.WriteCollectionHeader(ref d, count, size, isMap);
        _body.Bytes.Length += size;
        return true;
    }

    private bool AppendIndex(int index)
    {
        ref byte d = ref _body.Reserve(MsgPack.MaxScalarBytes);
        if (index < 0 || Unsafe.IsNullRef(ref d))
        {
            return false;
        }

        _body.Bytes.Length += MsgPack.WriteUInt64(ref d, (uint)index);
        return true;
    }

    private bool AppendDouble(double value)
    {
        ref byte d = ref _body.Reserve(MsgPack.MaxScalarBytes);
        if (Unsafe.IsNullRef(ref d))
        {
            return false;
        }

        _body.Bytes.Length += MsgPack.WriteDouble(ref d, value);
        return true;
    }

    private struct AddressEntry
    {
        public byte* Address;
        public int Generation;
        public int Index;
        public int Offset;
        public int Length;
    }

    // The 12-element span array up to and excluding meta: its header, the three string indexes, ids, times and error.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WriteSpanHead(ref byte d, int service, int name, int resource, ulong traceId, ulong spanId, ulong parentId, long start, long duration, long error)
    {
        d = SpanArrayHeader;
        int p = 1 + MsgPack.WriteUInt64(ref Unsafe.Add(ref d, 1), (uint)service);
        p += MsgPack.WriteUInt64(ref Unsafe.Add(ref d, p), (uint)name);
        p += MsgPack.WriteUInt64(ref Unsafe.Add(ref d, p), (uint)resource);
        p += MsgPack.WriteUInt64(ref Unsafe.Add(ref d, p), traceId);
        p += MsgPack.WriteUInt64(ref Unsafe.Add(ref d, p), spanId);
        p += MsgPack.WriteUInt64(ref Unsafe.Add(ref d, p), parentId);
        p += MsgPack.WriteInt64(ref Unsafe.Add(ref d, p), start);
        p += MsgPack.WriteInt64(ref Unsafe.Add(ref d, p), duration);
        p += MsgPack.WriteInt64(ref Unsafe.Add(ref d, p), error);
        return p;
    }
}
