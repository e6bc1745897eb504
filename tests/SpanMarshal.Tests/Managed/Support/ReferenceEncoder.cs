using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using MessagePack;

using SpanMarshal.Tests.Support;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>
/// MessagePack-CSharp's own encoding of the spans, in the managed encoder's key order: the
/// encoder's bytes must equal it, which pins down every header form it chooses.
/// </summary>
public static class ReferenceEncoder
{
    public static byte[] Encode(IReadOnlyList<IReadOnlyList<TestSpan>> traces)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(traces.Count);
        foreach (IReadOnlyList<TestSpan> chunk in traces)
        {
            writer.WriteArrayHeader(chunk.Count);
            for (int s = 0; s < chunk.Count; s++)
            {
                WriteSpan(ref writer, chunk[s], firstInChunk: s == 0);
            }
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteSpan(ref MessagePackWriter writer, TestSpan span, bool firstInChunk)
    {
        writer.WriteMapHeader(12);
        writer.Write("service");
        writer.Write(span.Service ?? "");
        writer.Write("name");
        writer.Write(span.Name ?? "");
        writer.Write("resource");
        writer.Write(span.Resource ?? "");
        writer.Write("type");
        writer.Write(span.Type ?? "");
        writer.Write("trace_id");
        writer.Write((ulong)span.TraceId);
        writer.Write("span_id");
        writer.Write(span.SpanId);
        writer.Write("parent_id");
        writer.Write(span.ParentId);
        writer.Write("start");
        writer.Write(span.Start);
        writer.Write("duration");
        writer.Write(span.Duration);
        writer.Write("error");
        writer.Write(span.Error ? 1 : 0);

        var meta = new List<KeyValuePair<string, string>>();
        ulong high = (ulong)(span.TraceId >> 64);
        if (firstInChunk && high != 0)
        {
            meta.Add(new("_dd.p.tid", high.ToString("x16", CultureInfo.InvariantCulture)));
        }

        foreach (var (key, value) in span.Meta ?? [])
        {
            if (value is not null)
            {
                meta.Add(new(key, value));
            }
        }

        writer.Write("meta");
        writer.WriteMapHeader(meta.Count);
        foreach (var (key, value) in meta)
        {
            writer.Write(key);
            writer.Write(value);
        }

        writer.Write("metrics");
        writer.WriteMapHeader(span.Metrics?.Count ?? 0);
        foreach (var (key, value) in span.Metrics ?? [])
        {
            writer.Write(key);
            writer.Write(value);
        }
    }
}
