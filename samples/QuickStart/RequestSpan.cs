using System;
using System.Collections.Generic;
using SpanMarshal;

namespace QuickStart;

/// <summary>
/// A span as a small tracer keeps it: plain members, named the way tracers name them, and
/// the well-known tags in typed members. The generator maps the members by convention and
/// sends each [SpanTag] member under its key; nothing here knows about msgpack or libdatadog.
/// </summary>
[GenerateTraceMarshaller]
public sealed partial class RequestSpan
{
    public required string OperationName { get; init; }

    public string? ServiceName { get; init; }

    public string? ResourceName { get; init; }

    public string? Type { get; init; }

    public UInt128 TraceId { get; init; }

    public ulong SpanId { get; init; }

    public ulong ParentId { get; init; }

    public DateTimeOffset StartTime { get; init; }

    public TimeSpan Duration { get; init; }

    public bool IsError { get; init; }

    [SpanTag("http.method")]
    public string? HttpMethod { get; init; }

    [SpanTag("http.route")]
    public string? HttpRoute { get; init; }

    [SpanTag("http.status_code")]
    public string? HttpStatusCode { get; init; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double> Metrics { get; } = new(StringComparer.Ordinal);
}
