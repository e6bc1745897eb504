namespace SpanMarshal.Benchmarks;

/// <summary>
/// The same span split over a marked base class and a marked derived class, for the dispatch
/// benchmark: a list declared as <see cref="BaseWebSpan"/> holds <see cref="ServerWebSpan"/>s, so each
/// span is marshalled by its runtime type's marshaller. The tags are ordered so that the bytes equal
/// <see cref="WebSpan"/>'s.
/// </summary>
[GenerateTraceMarshaller]
public partial class BaseWebSpan : WebSpanCore
{
    [SpanTag("env")] public string Env = "";
    [SpanTag("version")] public string Version = "";
    [SpanTag("component")] public string Component = "";
    [SpanTag("span.kind")] public string SpanKind = "";
    [SpanTag("http.method")] public string HttpMethod = "";
    [SpanTag("http.route")] public string HttpRoute = "";
    [SpanTag("http.url")] public string HttpUrl = "";

    [SpanTag("_sampling_priority_v1")] public double SamplingPriority;
    [SpanTag("_dd.top_level")] public double TopLevel;
    [SpanTag("_dd.measured")] public double Measured;
}

/// <summary>A <see cref="BaseWebSpan"/> with the last meta tag of <see cref="WebSpan"/>.</summary>
[GenerateTraceMarshaller]
public sealed partial class ServerWebSpan : BaseWebSpan
{
    [SpanTag("http.status_code")] public string StatusCode = "";

    public static ServerWebSpan From(WebSpan span) => new()
    {
        Service = span.Service,
        Name = span.Name,
        Resource = span.Resource,
        Type = span.Type,
        TraceIdHigh = span.TraceIdHigh,
        TraceIdLow = span.TraceIdLow,
        SpanId = span.SpanId,
        ParentId = span.ParentId,
        Start = span.Start,
        Duration = span.Duration,
        Error = span.Error,
        Env = span.Env,
        Version = span.Version,
        Component = span.Component,
        SpanKind = span.SpanKind,
        HttpMethod = span.HttpMethod,
        HttpRoute = span.HttpRoute,
        HttpUrl = span.HttpUrl,
        StatusCode = span.StatusCode,
        SamplingPriority = span.SamplingPriority,
        TopLevel = span.TopLevel,
        Measured = span.Measured,
    };
}
