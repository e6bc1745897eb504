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
/// <c>preEncodedKeys</c> the fixed keys are written raw, the best this writer can do.
/// </summary>
public static class MessagePackCSharpEncoder
{
    private static readonly byte[][] Keys =
    [
        .. new[] { "service", "name", "resource", "type", "trace_id", "span_id", "parent_id", "start", "duration", "error", "meta", "metrics" }
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
        writer.WriteMapHeader(tid ? 8 : 7);
        if (tid)
        {
            writer.Write("_dd.p.tid");
            writer.Write(span.TraceIdHigh.ToString("x16", CultureInfo.InvariantCulture));
        }

        writer.Write("env");
        writer.Write(span.Env);
        writer.Write("version");
        writer.Write(span.Version);
        writer.Write("component");
        writer.Write(span.Component);
        writer.Write("span.kind");
        writer.Write(span.SpanKind);
        writer.Write("http.method");
        writer.Write(span.HttpMethod);
        writer.Write("http.route");
        writer.Write(span.HttpRoute);
        writer.Write("http.url");
        writer.Write(span.HttpUrl);
        Key(ref writer, 11, "metrics", raw);
        writer.WriteMapHeader(4);
        writer.Write("http.status_code");
        writer.Write(span.StatusCode);
        writer.Write("_sampling_priority_v1");
        writer.Write(span.SamplingPriority);
        writer.Write("_dd.top_level");
        writer.Write(span.TopLevel);
        writer.Write("_dd.measured");
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
