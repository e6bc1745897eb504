using System.Collections.Generic;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>Hand-written in exactly the shape the generator emits, until the generator lands.</summary>
public sealed class ManagedTestSpanMarshaller : ITraceMarshaller<ManagedTestSpan>
{
    public static void Marshal<TSink>(ManagedTestSpan span, ref TSink sink)
        where TSink : struct, ISpanSink
    {
        TracerSpanFields fields = default;
        fields.Service = sink.Utf8(span.Service);
        fields.Name = sink.Utf8(span.Name);
        fields.Resource = sink.Utf8(span.Resource);
        fields.SpanType = sink.Utf8(span.Type);
        fields.TraceIdLow = (ulong)span.TraceId;
        fields.TraceIdHigh = (ulong)(span.TraceId >> 64);
        fields.SpanId = span.SpanId;
        fields.ParentId = span.ParentId;
        fields.Start = span.Start;
        fields.Duration = span.Duration;
        fields.Error = span.Error ? 1 : 0;
        sink.StartSpan(in fields);

        if (span.Meta is { } meta)
        {
            foreach (KeyValuePair<string, string?> tag in meta)
            {
                sink.SetMeta(tag.Key, tag.Value);
            }
        }

        if (span.Metrics is { } metrics)
        {
            foreach (KeyValuePair<string, double> tag in metrics)
            {
                sink.SetMetric(tag.Key, tag.Value);
            }
        }

        if (span.Tags is { } tags)
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                TagValues.Write(ref sink, tag.Key, tag.Value);
            }
        }

        sink.EndSpan();
    }
}
