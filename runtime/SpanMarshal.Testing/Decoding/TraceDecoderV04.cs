using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using MessagePack;

namespace SpanMarshal.Testing.Decoding;

/// <summary>
/// Decodes a v0.4 body (array of chunks, each an array of span maps) as strictly as Datadog's
/// APM test agent: <c>trace_id</c>, <c>span_id</c> and <c>name</c> are required, meta is
/// str->str, metrics str->number, no duplicate span keys, no trailing bytes. A tag key repeated
/// inside meta or metrics is not an error: the last value wins, as in the agent's own decoder.
/// </summary>
internal static class TraceDecoderV04
{
    public static List<IReadOnlyList<ReceivedSpan>> Decode(ReadOnlyMemory<byte> body)
    {
        var reader = new MessagePackReader(body);
        var traces = new List<IReadOnlyList<ReceivedSpan>>();
        int traceCount = Values.ArrayHeader(ref reader, "the body");
        for (int t = 0; t < traceCount; t++)
        {
            int spanCount = Values.ArrayHeader(ref reader, $"trace {t}");
            var spans = new List<ReceivedSpan>(spanCount);
            for (int s = 0; s < spanCount; s++)
            {
                spans.Add(ReadSpan(ref reader, $"trace {t} span {s}"));
            }

            ChunkTraceId.Complete(spans, $"trace {t}");
            traces.Add(spans);
        }

        if (!reader.End)
        {
            throw new PayloadException("bytes follow the traces array");
        }

        return traces;
    }

    private static ReceivedSpan ReadSpan(ref MessagePackReader reader, string where)
    {
        string service = "", name = "", resource = "", type = "";
        ulong traceId = 0, spanId = 0, parentId = 0;
        long start = 0, duration = 0;
        int error = 0;
        IReadOnlyDictionary<string, string> meta = ReadOnlyDictionary<string, string>.Empty;
        IReadOnlyDictionary<string, double> metrics = ReadOnlyDictionary<string, double>.Empty;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        int entries = Values.MapHeader(ref reader, where);
        for (int i = 0; i < entries; i++)
        {
            string key = Values.String(ref reader, where + " key");
            if (!seen.Add(key))
            {
                throw new PayloadException($"{where}: duplicate key '{key}'");
            }

            string what = where + "." + key;
            switch (key)
            {
                case "service": service = Values.String(ref reader, what); break;
                case "name": name = Values.String(ref reader, what); break;
                case "resource": resource = Values.String(ref reader, what); break;
                case "type": type = Values.String(ref reader, what); break;
                case "trace_id": traceId = Values.UInt64(ref reader, what); break;
                case "span_id": spanId = Values.UInt64(ref reader, what); break;
                case "parent_id": parentId = Values.UInt64(ref reader, what); break;
                case "start": start = Values.Int64(ref reader, what); break;
                case "duration": duration = Values.Int64(ref reader, what); break;
                case "error": error = Values.Int32(ref reader, what); break;
                case "meta": meta = ReadMeta(ref reader, what); break;
                case "metrics": metrics = ReadMetrics(ref reader, what); break;
                default: Values.Skip(ref reader, what); break;
            }
        }

        foreach (string required in (ReadOnlySpan<string>)["trace_id", "span_id", "name"])
        {
            if (!seen.Contains(required))
            {
                throw new PayloadException($"{where} has no '{required}'");
            }
        }

        return new ReceivedSpan(service, name, resource, type, traceId, spanId, parentId, start, duration, error, meta, metrics);
    }

    private static IReadOnlyDictionary<string, string> ReadMeta(ref MessagePackReader reader, string what)
    {
        int count = Values.MapHeader(ref reader, what);
        if (count == 0)
        {
            return ReadOnlyDictionary<string, string>.Empty;
        }

        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = Values.String(ref reader, what + " key");
            meta[key] = Values.String(ref reader, $"{what}['{key}']");
        }

        return meta;
    }

    private static IReadOnlyDictionary<string, double> ReadMetrics(ref MessagePackReader reader, string what)
    {
        int count = Values.MapHeader(ref reader, what);
        if (count == 0)
        {
            return ReadOnlyDictionary<string, double>.Empty;
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = Values.String(ref reader, what + " key");
            metrics[key] = Values.Number(ref reader, $"{what}['{key}']");
        }

        return metrics;
    }
}
