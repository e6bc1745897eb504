using System.Collections.Generic;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Tests.Support;

/// <summary>Hand-written in exactly the shape the generator emits: fields on the stack, start, tags, end.</summary>
public readonly struct TestSpanMarshaller : ITraceMarshaller<TestSpan>
{
    public static void Marshal<TSink>(TestSpan span, ref TSink sink)
        where TSink : struct, ISpanSink
    {
        TracerSpanFields fields = ReadFields(span, ref sink);
        sink.StartSpan(in fields);

        // Null collections are skipped, as the generator's code skips them.
        Dictionary<string, string?>? meta = span.Meta;
        if (meta is not null)
        {
            foreach (KeyValuePair<string, string?> tag in meta)
            {
                sink.SetMeta(tag.Key, tag.Value);
            }
        }

        Dictionary<string, double>? metrics = span.Metrics;
        if (metrics is not null)
        {
            foreach (KeyValuePair<string, double> tag in metrics)
            {
                sink.SetMetric(tag.Key, tag.Value);
            }
        }

        Dictionary<string, object?>? tags = span.Tags;
        if (tags is not null)
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                TagValues.Write(ref sink, tag.Key, tag.Value);
            }
        }

        sink.EndSpan();
    }

    /// <summary>The span's fixed fields, as the generated code reads them.</summary>
    public static TracerSpanFields ReadFields<TSink>(TestSpan span, ref TSink sink)
        where TSink : struct, ISpanSink
    {
        TracerSpanFields fields = default;
        fields.Service = sink.Utf8(span.Service);
        fields.Name = sink.Utf8(span.Name);
        fields.Resource = sink.Utf8(span.Resource);
        fields.SpanType = sink.Utf8(span.Type);
        System.UInt128 traceId = span.TraceId;
        fields.TraceIdLow = (ulong)traceId;
        fields.TraceIdHigh = (ulong)(traceId >> 64);
        fields.SpanId = span.SpanId;
        fields.ParentId = span.ParentId;
        fields.Start = span.Start;
        fields.Duration = span.Duration;
        fields.Error = span.Error ? 1 : 0;
        return fields;
    }
}
