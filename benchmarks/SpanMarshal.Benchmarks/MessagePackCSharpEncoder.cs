using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MessagePack;

namespace SpanMarshal.Benchmarks;

/// <summary>
/// The baseline: a plain hand-written v0.4 encoder on MessagePack-CSharp's writer, as a
/// tracer would write without SpanMarshal (every string transcoded when written). With
/// <c>preEncodedKeys</c> every key (span map and tags) is written raw, the best this writer can do.
/// </summary>
public static class MessagePackCSharpEncoder
{
    private static readonly byte[][] Keys =
    [
        .. new[]
        {
            "service", "name", "resource", "type", "trace_id", "span_id", "parent_id", "start", "duration", "error", "meta", "metrics",
            "_dd.p.tid", "env", "version", "component", "span.kind", "http.method", "http.route", "http.url",
            "http.status_code", "_sampling_priority_v1", "_dd.top_level", "_dd.measured",
        }
            .Select(Encode),
    ];

    public static void Write(IBufferWriter<byte> output, IReadOnlyList<IReadOnlyList<WebSpan>> traces, bool preEncodedKeys)
    {
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(traces.Count);
        for (int t = 0; t < traces.Count; t++)
        {
            IReadOnlyList<WebSpan> chunk = traces[t];
            writer.WriteArrayHeader(chunk.Count);
            for (int s = 0; s < chunk.Count; s++)
            {
                WriteSpan(ref writer, chunk[s], s == 0, preEncodedKeys);
            }
        }

        writer.Flush();
    }

    private static void WriteSpan(ref MessagePackWriter writer, WebSpan span, bool first, bool raw)
    {
        bool tid = first && span.TraceIdHigh != 0;
        writer.WriteMapHeader(12);
        Key(ref writer, 0, "service", raw);
        writer.Write(span.Service);
        Key(ref writer, 1, "name", raw);
        writer.Write(span.Name);
        Key(ref writer, 2, "resource", raw);
        writer.Write(span.Resource);
        Key(ref writer, 3, "type", raw);
        writer.Write(span.Type);
        Key(ref writer, 4, "trace_id", raw);
        writer.Write(span.TraceIdLow);
        Key(ref writer, 5, "span_id", raw);
        writer.Write(span.SpanId);
        Key(ref writer, 6, "parent_id", raw);
        writer.Write(span.ParentId);
        Key(ref writer, 7, "start", raw);
        writer.Write(span.Start);
        Key(ref writer, 8, "duration", raw);
        writer.Write(span.Duration);
        Key(ref writer, 9, "error", raw);
        writer.Write(span.Error ? 1 : 0);
        Key(ref writer, 10, "meta", raw);
        writer.WriteMapHeader(tid ? 9 : 8);
        if (tid)
        {
            Key(ref writer, 12, "_dd.p.tid", raw);
            writer.Write(span.TraceIdHigh.ToString("x16", CultureInfo.InvariantCulture));
        }

        Key(ref writer, 13, "env", raw);
        writer.Write(span.Env);
        Key(ref writer, 14, "version", raw);
        writer.Write(span.Version);
        Key(ref writer, 15, "component", raw);
        writer.Write(span.Component);
        Key(ref writer, 16, "span.kind", raw);
        writer.Write(span.SpanKind);
        Key(ref writer, 17, "http.method", raw);
        writer.Write(span.HttpMethod);
        Key(ref writer, 18, "http.route", raw);
        writer.Write(span.HttpRoute);
        Key(ref writer, 19, "http.url", raw);
        writer.Write(span.HttpUrl);
        Key(ref writer, 20, "http.status_code", raw);
        writer.Write(span.StatusCode);
        Key(ref writer, 11, "metrics", raw);
        writer.WriteMapHeader(3);
        Key(ref writer, 21, "_sampling_priority_v1", raw);
        writer.Write(span.SamplingPriority);
        Key(ref writer, 22, "_dd.top_level", raw);
        writer.Write(span.TopLevel);
        Key(ref writer, 23, "_dd.measured", raw);
        writer.Write(span.Measured);
    }

    private static void Key(ref MessagePackWriter writer, int index, string key, bool raw)
    {
        if (raw)
        {
            writer.WriteRaw(Keys[index]);
        }
        else
        {
            writer.Write(key);
        }
    }

    private static byte[] Encode(string key)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.Write(key);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
