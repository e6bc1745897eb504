using SpanMarshal.Marshalling;

namespace SpanMarshal.Benchmarks.Marshalling;

/// <summary>
/// The floor: the fewest sink calls and member reads that marshal a <see cref="WebSpan"/>, written by
/// hand (no null checks on the tag members, which are never null here, and no time conversions,
/// since its times are already nanoseconds).
/// </summary>
internal static class HandwrittenMarshaller
{
    public static void Marshal<TSink>(WebSpan span, ref TSink sink)
        where TSink : struct, ISpanSink
    {
        TracerSpanFields fields = default;
        fields.Service = sink.Utf8(span.Service);
        fields.Name = sink.Utf8(span.Name);
        fields.Resource = sink.Utf8(span.Resource);
        fields.SpanType = sink.Utf8(span.Type);
        fields.TraceIdHigh = span.TraceIdHigh;
        fields.TraceIdLow = span.TraceIdLow;
        fields.SpanId = span.SpanId;
        fields.ParentId = span.ParentId;
        fields.Start = span.Start;
        fields.Duration = span.Duration;
        fields.Error = span.Error ? 1 : 0;
        sink.StartSpan(in fields);
        sink.SetMeta("env"u8, span.Env);
        sink.SetMeta("version"u8, span.Version);
        sink.SetMeta("component"u8, span.Component);
        sink.SetMeta("span.kind"u8, span.SpanKind);
        sink.SetMeta("http.method"u8, span.HttpMethod);
        sink.SetMeta("http.route"u8, span.HttpRoute);
        sink.SetMeta("http.url"u8, span.HttpUrl);
        sink.SetMeta("http.status_code"u8, span.StatusCode);
        sink.SetMetric("_sampling_priority_v1"u8, span.SamplingPriority);
        sink.SetMetric("_dd.top_level"u8, span.TopLevel);
        sink.SetMetric("_dd.measured"u8, span.Measured);
        sink.EndSpan();
    }
}
