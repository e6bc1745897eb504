using System.Collections.Generic;

namespace SpanMarshal.Tests.EndToEnd;

/// <summary>A tracer's base span, marked; tracers keep spans in lists of their base type.</summary>
[GenerateTraceMarshaller]
public partial class HttpBaseSpan
{
    public string Name { get; set; } = "http.request";

    public ulong TraceId { get; set; } = 7;

    public ulong SpanId { get; set; }

    public long Start { get; set; } = 1_700_000_000_000_000_000;

    public long Duration { get; set; } = 1_000;

    [SpanTag("http.method")]
    public string? Method { get; set; } = "GET";
}

/// <summary>Marked too, with tags of its own that only its marshaller sends.</summary>
[GenerateTraceMarshaller]
public sealed partial class HttpClientSpan : HttpBaseSpan
{
    [SpanTag("peer.hostname")]
    public string? PeerHost { get; set; } = "payments.internal";

    [SpanTag("http.retries")]
    public int Retries { get; set; } = 2;
}

/// <summary>Not marked and adds nothing mapped: marshalled by its nearest marked base.</summary>
public sealed class PlainHttpSpan : HttpBaseSpan
{
    public string? Comment { get; set; }
}

/// <summary>A base with no marshaller of its own: a batch declared with it marshals each span by its runtime type.</summary>
public abstract class SpanModel
{
    public ulong TraceId { get; set; } = 9;

    public ulong SpanId { get; set; }

    public long Start { get; set; } = 1_700_000_000_000_000_000;

    public long Duration { get; set; } = 5;
}

[GenerateTraceMarshaller]
public sealed partial class DbSpan : SpanModel
{
    public string Name { get; set; } = "db.query";

    [SpanTag("db.statement")]
    public string? Statement { get; set; }
}

[GenerateTraceMarshaller]
public sealed partial class CacheSpan : SpanModel
{
    public string Name { get; set; } = "cache.get";

    public Dictionary<string, double> Metrics { get; } = new() { ["cache.hit"] = 1 };
}

/// <summary>No marshaller anywhere in its hierarchy.</summary>
public sealed class UnmarkedSpan
{
    public ulong SpanId { get; set; }
}
