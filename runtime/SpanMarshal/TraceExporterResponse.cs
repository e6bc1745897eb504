using System;
using System.Collections.Generic;
using SpanMarshal.Pipelines;

namespace SpanMarshal;

/// <summary>
/// The outcome of one send: the same meaning whichever pipeline ran. Every trace handed to the
/// send is in exactly one of <see cref="AcceptedTraceCount"/>, <see cref="RejectedTraceCount"/>,
/// <see cref="NotAttemptedTraceCount"/> and <see cref="DroppedTraceCount"/>. Everything in it is
/// managed memory copied out of any native response before that response was freed.
/// </summary>
public sealed class TraceExporterResponse
{
    internal TraceExporterResponse(
        TraceExporterStatus status,
        int traceCount,
        TraceCounts counts,
        ReadOnlyMemory<byte> payload,
        IReadOnlyDictionary<string, double>? serviceRates,
        int? httpStatusCode = null,
        TraceExporterErrorCode? errorCode = null,
        string? errorMessage = null)
    {
        Status = status;
        TraceCount = traceCount;
        Payload = payload;
        ServiceRates = serviceRates ?? SpanMarshal.ServiceRates.None;
        HttpStatusCode = httpStatusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        AcceptedTraceCount = counts.Accepted;
        RejectedTraceCount = counts.Rejected;
        NotAttemptedTraceCount = counts.NotAttempted;
        DroppedTraceCount = counts.Marshalled.DroppedTraceCount;
        DroppedSpanCount = counts.Marshalled.DroppedSpanCount;
        SkippedTagCount = counts.Marshalled.SkippedTagCount;
    }

    /// <summary>How the send ended.</summary>
    public TraceExporterStatus Status { get; }

    /// <summary>True when the agent accepted every request of the send.</summary>
    public bool IsOk => Status == TraceExporterStatus.Ok;

    /// <summary>True when the agent rejected the request (4xx).</summary>
    public bool IsClientError => Status == TraceExporterStatus.ClientError;

    /// <summary>True when the agent failed (5xx).</summary>
    public bool IsServerError => Status == TraceExporterStatus.ServerError;

    /// <summary>True for every other failure: network, cancellation, invalid input.</summary>
    public bool IsInternalError => Status == TraceExporterStatus.InternalError;

    /// <summary>True when the agent does not know the endpoint (404): an agent too old for this API version.</summary>
    public bool IsNotFound => HttpStatusCode == 404;

    /// <summary>True when the agent does not accept the payload's media type or version (415).</summary>
    public bool IsUnsupported => HttpStatusCode == 415;

    /// <summary>The traces in the requests made (<see cref="AcceptedTraceCount"/> plus <see cref="RejectedTraceCount"/>).</summary>
    public int TraceCount { get; }

    /// <summary>Traces in requests the agent accepted.</summary>
    public int AcceptedTraceCount { get; }

    /// <summary>
    /// Traces in requests that failed for good, after every retry: refused by the agent (4xx) or
    /// not delivered (network, timeout, 5xx). <see cref="ErrorCode"/> says why the first failed.
    /// </summary>
    public int RejectedTraceCount { get; }

    /// <summary>
    /// Traces never sent because an earlier request of this send failed in a way the next one would
    /// too (the agent unreachable, overloaded or failing after every retry, an unknown endpoint). After
    /// a 400 or 413, which concern only the request that got them, the send goes on.
    /// </summary>
    public int NotAttemptedTraceCount { get; }

    /// <summary>The agent's response body, copied (that of the first failed request, else the last one); empty when the agent sent none or said "unchanged".</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The sampling rates from the agent's <c>rate_by_service</c>, keyed <c>service:NAME,env:ENV</c>; empty when the agent sent none.</summary>
    public IReadOnlyDictionary<string, double> ServiceRates { get; }

    /// <summary>The HTTP status the agent answered (to the first failed request, else the last one), when it is known.</summary>
    public int? HttpStatusCode { get; }

    /// <summary>The error code of the first failed request.</summary>
    public TraceExporterErrorCode? ErrorCode { get; }

    /// <summary>The error message of the first failed request.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Traces left out whole before sending: null or empty, too large for one request, or with every span dropped.</summary>
    public int DroppedTraceCount { get; }

    /// <summary>Spans left out before sending (their neighbours were sent), including the spans of dropped traces.</summary>
    public int DroppedSpanCount { get; }

    /// <summary>Tags left out because their value was neither a string nor a number.</summary>
    public int SkippedTagCount { get; }

    /// <summary>Classifies a libdatadog error code: <c>HttpClient</c> is a client error, <c>HttpServer</c> a server error, anything else internal.</summary>
    internal static TraceExporterStatus Classify(TraceExporterErrorCode code) => code switch
    {
        TraceExporterErrorCode.HttpClient => TraceExporterStatus.ClientError,
        TraceExporterErrorCode.HttpServer => TraceExporterStatus.ServerError,
        _ => TraceExporterStatus.InternalError,
    };

    /// <summary>Maps an HTTP status the way libdatadog does: 400-498 client, 500 and up server.</summary>
    internal static TraceExporterErrorCode? ErrorCodeForHttpStatus(int status) => status switch
    {
        >= 200 and < 300 => null,
        >= 400 and <= 498 => TraceExporterErrorCode.HttpClient,
        >= 500 => TraceExporterErrorCode.HttpServer,
        _ => TraceExporterErrorCode.HttpUnknown,
    };

    /// <inheritdoc/>
    public override string ToString() => IsOk
        ? $"Ok: {TraceCount} trace(s), HTTP {HttpStatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}"
        : $"{Status}: {ErrorCode} {ErrorMessage}";
}
