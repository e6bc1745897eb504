using System;
using System.Collections.Generic;

namespace SpanMarshal.Pipelines;

/// <summary>How one request (or one libdatadog send) carrying <see cref="TraceCount"/> traces ended.</summary>
/// <param name="TraceCount">The traces it carried.</param>
/// <param name="SpanCount">The spans in them.</param>
/// <param name="HttpStatusCode">The agent's status, when it answered.</param>
/// <param name="ErrorCode">Null when the agent accepted the traces.</param>
/// <param name="ErrorMessage">What went wrong.</param>
/// <param name="Payload">The agent's body.</param>
/// <param name="ServiceRates">The agent's <c>rate_by_service</c>, when it accepted the traces.</param>
internal sealed record RequestOutcome(
    int TraceCount,
    int SpanCount,
    int? HttpStatusCode,
    TraceExporterErrorCode? ErrorCode,
    string? ErrorMessage,
    ReadOnlyMemory<byte> Payload,
    IReadOnlyDictionary<string, double>? ServiceRates)
{
    public bool IsSuccess => ErrorCode is null;

    /// <summary>
    /// Whether a batch's later requests are still worth sending after this one. A 400 (the agent
    /// could not decode this request's payload) or 413 (this request was too large) concerns only
    /// the traces in it; anything else (the agent unreachable, overloaded, failing, or not knowing
    /// the endpoint or media type, after every retry) would fail the next request too.
    /// </summary>
    public bool StopsTheSend => !IsSuccess && HttpStatusCode is not (400 or 413);
}
