using System;
using System.Collections.Generic;

namespace SpanMarshal.Benchmarks;

/// <summary>
/// The same span with its tags in dictionaries (mapped by convention), as tracers that keep
/// tags as key-value pairs have them: every key is a runtime string, looked up in the string
/// cache per span (the keys are literals here, so the lookups hit), and the dictionaries are walked.
/// </summary>
[GenerateTraceMarshaller]
public sealed partial class DictionaryWebSpan : WebSpanCore
{
    public Dictionary<string, string> Meta = new(8, StringComparer.Ordinal);
    public Dictionary<string, double> Metrics = new(3, StringComparer.Ordinal);

    public static DictionaryWebSpan From(WebSpan span) => new()
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
        Meta =
        {
            ["env"] = span.Env,
            ["version"] = span.Version,
            ["component"] = span.Component,
            ["span.kind"] = span.SpanKind,
            ["http.method"] = span.HttpMethod,
            ["http.route"] = span.HttpRoute,
            ["http.url"] = span.HttpUrl,
            ["http.status_code"] = span.StatusCode,
        },
        Metrics =
        {
            ["_sampling_priority_v1"] = span.SamplingPriority,
            ["_dd.top_level"] = span.TopLevel,
            ["_dd.measured"] = span.Measured,
        },
    };
}
