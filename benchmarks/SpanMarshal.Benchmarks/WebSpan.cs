namespace SpanMarshal.Benchmarks;

/// <summary>
/// A typical server span of a tracer: the four span strings, ids and times, and 11 tags
/// (8 meta, 3 metrics) held in typed members, the way dd-trace-dotnet keeps well-known tags.
/// The benchmark runs the marshaller the generator emits for it.
/// </summary>
[GenerateTraceMarshaller]
public sealed partial class WebSpan : WebSpanCore
{
    [SpanTag("env")] public string Env = "";
    [SpanTag("version")] public string Version = "";
    [SpanTag("component")] public string Component = "";
    [SpanTag("span.kind")] public string SpanKind = "";
    [SpanTag("http.method")] public string HttpMethod = "";
    [SpanTag("http.route")] public string HttpRoute = "";
    [SpanTag("http.url")] public string HttpUrl = "";
    [SpanTag("http.status_code")] public string StatusCode = "";

    [SpanTag("_sampling_priority_v1")] public double SamplingPriority;
    [SpanTag("_dd.top_level")] public double TopLevel;
    [SpanTag("_dd.measured")] public double Measured;
}
