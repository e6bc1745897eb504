using System.Collections.Generic;

namespace SpanMarshal.Testing;

/// <summary>One span as the agent decoded it, with plain values for assertions.</summary>
/// <param name="Service">The service (<c>""</c> when absent).</param>
/// <param name="Name">The operation name.</param>
/// <param name="Resource">The resource (<c>""</c> when absent).</param>
/// <param name="Type">The span type (<c>""</c> when absent).</param>
/// <param name="TraceId">The low 64 bits of the trace id; the high half is meta <c>_dd.p.tid</c>.</param>
/// <param name="SpanId">The span id.</param>
/// <param name="ParentId">The parent span id, 0 for a root span.</param>
/// <param name="Start">Start time, nanoseconds since the Unix epoch.</param>
/// <param name="Duration">Duration in nanoseconds.</param>
/// <param name="Error">1 for an error span, else 0.</param>
/// <param name="Meta">The string tags.</param>
/// <param name="Metrics">The numeric tags.</param>
public sealed record ReceivedSpan(
    string Service,
    string Name,
    string Resource,
    string Type,
    ulong TraceId,
    ulong SpanId,
    ulong ParentId,
    long Start,
    long Duration,
    int Error,
    IReadOnlyDictionary<string, string> Meta,
    IReadOnlyDictionary<string, double> Metrics);
