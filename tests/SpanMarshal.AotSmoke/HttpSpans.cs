using System;
using System.Collections.Generic;

namespace SpanMarshal.AotSmoke;

/// <summary>A tracer's base span: conventions, UTF-16 and DateTime members, typed tags and tag dictionaries.</summary>
[GenerateTraceMarshaller]
public partial class HttpSpan
{
    public string OperationName { get; set; } = "http.request";

    public string? Service { get; set; }

    public string? Resource { get; set; }

    public string? Type { get; set; } = "web";

    public UInt128 TraceId { get; set; }

    public ulong SpanId { get; set; }

    public ulong ParentId { get; set; }

    public DateTime Start { get; set; }

    public TimeSpan Duration { get; set; }

    public bool Error { get; set; }

    [SpanTag("http.method")]
    public string? Method { get; set; }

    [SpanTag("http.status_code")]
    public int? StatusCode { get; set; }

    public Dictionary<string, string> Meta { get; } = new();

    public Dictionary<string, double> Metrics { get; } = new();
}

/// <summary>A derived span with tags of its own: sent in a list of <see cref="HttpSpan"/>, it must keep them.</summary>
[GenerateTraceMarshaller]
public sealed partial class HttpClientSpan : HttpSpan
{
    [SpanTag("peer.hostname")]
    public string? PeerHost { get; set; }

    [SpanTag("http.retries")]
    public long Retries { get; set; }
}
