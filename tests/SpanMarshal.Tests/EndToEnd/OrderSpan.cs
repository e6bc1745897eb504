using System;
using System.Collections.Generic;

namespace SpanMarshal.Tests.EndToEnd;

/// <summary>A span type as a tracer would write it, marshalled by the real generator in this build.</summary>
[GenerateTraceMarshaller]
public sealed partial class OrderSpan
{
    public string OperationName { get; set; } = "";

    public string? ServiceName { get; set; }

    public string? Resource { get; set; }

    public string? SpanType { get; set; }

    public UInt128 TraceId { get; set; }

    public ulong SpanId { get; set; }

    public ulong ParentId { get; set; }

    public DateTimeOffset Start { get; set; }

    public TimeSpan Duration { get; set; }

    public bool Error { get; set; }

    // Well-known tags in typed members: sent with UTF-8 literal keys (the sinks' utf8Key overloads).
    [SpanTag("http.method")]
    public string? HttpMethod { get; set; }

    [SpanTag("order.route ✓")]
    public string? Route { get; set; }

    [SpanTag("http.status_code")]
    public int? StatusCode { get; set; }

    [SpanTag("order.total")]
    public double Total { get; set; }

    // A mixed bag: strings become meta, numbers metrics, anything else is skipped and counted.
    public IDictionary<string, object?> Tags { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    [SpanField(SpanField.Metrics)]
    public Dictionary<string, double> Measurements { get; } = new(StringComparer.Ordinal);
}
