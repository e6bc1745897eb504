using System;
using System.Buffers;
using System.Buffers.Binary;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// Re-encodes a v0.5 request as v0.4, for an agent that refused v0.5 (404 or 415): the traces
/// encoded for it are sent after all, without marshalling the spans again. The v0.4 encoder is fed
/// the same fields, tags and order the sink gave the v0.5 encoder, so the bytes are those v0.4 would
/// have written in the first place.
/// </summary>
internal static unsafe class V04Fallback
{
    /// <summary>The traces of <paramref name="slice"/> (v0.5) as a v0.4 batch.</summary>
    /// <param name="slice">A v0.5 request.</param>
    /// <param name="maxRequestBytes">The request limit; a trace larger than it in v0.4 is left out.</param>
    /// <param name="pools">Where the v0.4 batch's buffers are rented.</param>
    /// <param name="leftOut">The traces and spans too large for a v0.4 request.</param>
    public static EncodedBatch ToV04(BatchSlice slice, int maxRequestBytes, BufferPools pools, out (int Traces, int Spans) leftOut)
    {
        var encoder = new MsgPackV04Encoder(maxRequestBytes - MsgPack.MaxHeaderBytes, pools);
        int[] entries = pools.Ints.Rent(2 * slice.StringCount);
        leftOut = default;
        try
        {
            using MemoryHandle table = slice.StringTable.Pin();
            Index(slice.StringTable.Span, entries, slice.StringCount);
            var reader = new V05Reader(slice.Chunks.Span);
            var strings = new Strings((byte*)table.Pointer, entries);
            for (int c = 0; c < slice.ChunkCount; c++)
            {
                int spans = reader.ReadHeader();
                encoder.BeginChunk(spans);
                for (int s = 0; s < spans; s++)
                {
                    Span(ref reader, ref encoder, strings);
                }

                if (encoder.EndChunk(spans, out _) == 0)
                {
                    leftOut = (leftOut.Traces + 1, leftOut.Spans + spans);
                }
            }
        }
        catch
        {
            encoder.Release();
            throw;
        }
        finally
        {
            pools.Ints.Return(entries);
        }

        return new EncodedBatch<MsgPackV04Encoder>(encoder, null);
    }

    // A failed span (its trace grew too large) fails the rest of its trace, which EndChunk then leaves out.
    private static void Span(ref V05Reader reader, ref MsgPackV04Encoder encoder, Strings strings)
    {
        V05SpanHead head = reader.ReadSpanHead();
        var fields = new TracerSpanFields
        {
            Service = strings[head.Service],
            Name = strings[head.Name],
            Resource = strings[head.Resource],
            TraceIdLow = head.TraceId,
            SpanId = head.SpanId,
            ParentId = head.ParentId,
            Start = head.Start,
            Duration = head.Duration,
            Error = head.Error,
        };

        // The type is the last element, after the maps: read ahead for it, the maps are read again below.
        V05Reader tags = reader;
        SkipMaps(ref reader);
        fields.SpanType = strings[reader.ReadIndex()];
        encoder.StartSpan(in fields);
        int meta = tags.ReadHeader();
        for (int i = 0; i < meta; i++)
        {
            CharSlice key = strings[tags.ReadIndex()];
            encoder.SetMeta(key.AsSpan(), strings[tags.ReadIndex()]);
        }

        int metrics = tags.ReadHeader();
        for (int i = 0; i < metrics; i++)
        {
            CharSlice key = strings[tags.ReadIndex()];
            encoder.SetMetric(key.AsSpan(), tags.ReadDouble());
        }

        encoder.EndSpan();
    }

    private static void SkipMaps(ref V05Reader reader)
    {
        int meta = reader.ReadHeader();
        for (int i = 0; i < 2 * meta; i++)
        {
            reader.ReadIndex();
        }

        int metrics = reader.ReadHeader();
        for (int i = 0; i < metrics; i++)
        {
            reader.ReadIndex();
            reader.ReadDouble();
        }
    }

    // Each table entry's bytes (after its str header): its start at [2i], its length at [2i + 1].
    private static void Index(ReadOnlySpan<byte> table, int[] entries, int count)
    {
        int p = 0;
        for (int i = 0; i < count; i++)
        {
            (int header, int length) = table[p] switch
            {
                0xD9 => (2, table[p + 1]),
                0xDA => (3, (int)BinaryPrimitives.ReadUInt16BigEndian(table[(p + 1)..])),
                0xDB => (5, checked((int)BinaryPrimitives.ReadUInt32BigEndian(table[(p + 1)..]))),
                _ => (1, table[p] & 0x1F),
            };

            entries[2 * i] = p + header;
            entries[(2 * i) + 1] = length;
            p += header + length;
        }
    }

    private readonly struct Strings
    {
        private readonly byte* _table;
        private readonly int[] _entries;

        public Strings(byte* table, int[] entries)
        {
            _table = table;
            _entries = entries;
        }

        public CharSlice this[int index] => new(_table + _entries[2 * index], _entries[(2 * index) + 1]);
    }
}
