using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using MessagePack;

namespace SpanMarshal.Testing.Decoding;

/// <summary>
/// Decodes a v0.5 body: <c>[string_table, traces]</c>, every span an array of exactly 12
/// elements (service, name, resource, trace_id, span_id, parent_id, start, duration, error,
/// meta, metrics, type) whose strings are indexes into the table.
/// </summary>
internal static class TraceDecoderV05
{
    private const int SpanElements = 12;

    public static List<IReadOnlyList<ReceivedSpan>> Decode(ReadOnlyMemory<byte> body)
    {
        var reader = new MessagePackReader(body);
        if (Values.ArrayHeader(ref reader, "the body") != 2)
        {
            throw new PayloadException("the body is not [string_table, traces]");
        }

        int tableSize = Values.ArrayHeader(ref reader, "the string table");
        var table = new string[tableSize];
        for (int i = 0; i < tableSize; i++)
        {
            table[i] = Values.String(ref reader, $"string table entry {i}");
        }

        var traces = new List<IReadOnlyList<ReceivedSpan>>();
        int traceCount = Values.ArrayHeader(ref reader, "the traces");
        for (int t = 0; t < traceCount; t++)
        {
            int spanCount = Values.ArrayHeader(ref reader, $"trace {t}");
            var spans = new List<ReceivedSpan>(spanCount);
            for (int s = 0; s < spanCount; s++)
            {
                spans.Add(ReadSpan(ref reader, table, $"trace {t} span {s}"));
            }

            ChunkTraceId.Complete(spans, $"trace {t}");
            traces.Add(spans);
        }

        if (!reader.End)
        {
            throw new PayloadException("bytes follow the payload");
        }

        return traces;
    }

    private static ReceivedSpan ReadSpan(ref MessagePackReader reader, string[] table, string where)
    {
        int elements = Values.ArrayHeader(ref reader, where);
        if (elements != SpanElements)
        {
            throw new PayloadException($"{where} has {elements} elements, not {SpanElements}");
        }

        string service = Lookup(ref reader, table, where + ".service");
        string name = Lookup(ref reader, table, where + ".name");
        string resource = Lookup(ref reader, table, where + ".resource");
        ulong traceId = Values.UInt64(ref reader, where + ".trace_id");
        ulong spanId = Values.UInt64(ref reader, where + ".span_id");
        ulong parentId = Values.UInt64(ref reader, where + ".parent_id");
        long start = Values.Int64(ref reader, where + ".start");
        long duration = Values.Int64(ref reader, where + ".duration");
        int error = Values.Int32(ref reader, where + ".error");

        IReadOnlyDictionary<string, string> meta = ReadMeta(ref reader, table, where + ".meta");
        IReadOnlyDictionary<string, double> metrics = ReadMetrics(ref reader, table, where + ".metrics");
        string type = Lookup(ref reader, table, where + ".type");
        return new ReceivedSpan(service, name, resource, type, traceId, spanId, parentId, start, duration, error, meta, metrics);
    }

    private static IReadOnlyDictionary<string, string> ReadMeta(ref MessagePackReader reader, string[] table, string what)
    {
        int count = Values.MapHeader(ref reader, what);
        if (count == 0)
        {
            return ReadOnlyDictionary<string, string>.Empty;
        }

        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = Lookup(ref reader, table, what + " key");
            meta[key] = Lookup(ref reader, table, $"{what}['{key}']");
        }

        return meta;
    }

    private static IReadOnlyDictionary<string, double> ReadMetrics(ref MessagePackReader reader, string[] table, string what)
    {
        int count = Values.MapHeader(ref reader, what);
        if (count == 0)
        {
            return ReadOnlyDictionary<string, double>.Empty;
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = Lookup(ref reader, table, what + " key");
            metrics[key] = Values.Number(ref reader, $"{what}['{key}']");
        }

        return metrics;
    }

    private static string Lookup(ref MessagePackReader reader, string[] table, string what)
    {
        ulong index = Values.UInt64(ref reader, what);
        return index < (ulong)table.Length ? table[index] : throw new PayloadException($"{what} points past the string table ({index} >= {table.Length})");
    }
}
