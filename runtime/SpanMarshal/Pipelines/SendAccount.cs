using System;
using System.Collections.Generic;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SpanMarshal.Diagnostics;
using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Pipelines;

/// <summary>
/// Where every trace handed to one send ends up: accepted by the agent, rejected (the request
/// carrying it failed for good), not attempted (an earlier request failed in a way the next would
/// too), or dropped while marshalling. The four always add up to the batch: the response, the
/// metrics and the log lines are all made from this one account.
/// </summary>
internal sealed class SendAccount
{
    private readonly TracePipelineKind _pipeline;
    private readonly long _started = Stopwatch.GetTimestamp();
    private BatchTally _marshalled;
    private int _acceptedTraces;
    private int _acceptedSpans;
    private int _rejectedTraces;
    private int _rejectedSpans;
    private int _failedTraces;
    private int _failedSpans;
    private int _unsentTraces;
    private int _unsentSpans;
    private RequestOutcome? _firstFailure;
    private RequestOutcome? _lastSuccess;
    private string? _stopReason;

    public SendAccount(TracePipelineKind pipeline) => _pipeline = pipeline;

    /// <summary>When the send must be over (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), set by the pipeline at its first request.</summary>
    public long? Deadline { get; set; }

    /// <summary>True once a request failed in a way the send's later requests would too: they are not attempted.</summary>
    public bool Stopped => _stopReason is not null;

    /// <summary>Adds what one fill of the batch counted while marshalling.</summary>
    public void Marshalled(BatchTally tally) => _marshalled += tally;

    /// <summary>
    /// Moves traces already counted as marshalled to the dropped ones, as too large: a trace re-encoded
    /// for another intake version (v0.5 refused) that no longer fits in a request.
    /// </summary>
    public void TooLargeAfterMarshalling(int traces, int spans)
        => _marshalled += new BatchTally(-traces, -spans, traces, spans, traces, spans, 0, DropReasons.TraceTooLarge);

    /// <summary>Adds how one request ended.</summary>
    public void Add(RequestOutcome outcome)
    {
        if (outcome.IsSuccess)
        {
            _acceptedTraces += outcome.TraceCount;
            _acceptedSpans += outcome.SpanCount;
            _lastSuccess = outcome;
            return;
        }

        if (outcome.ErrorCode == TraceExporterErrorCode.HttpClient)
        {
            _rejectedTraces += outcome.TraceCount;
            _rejectedSpans += outcome.SpanCount;
        }
        else
        {
            _failedTraces += outcome.TraceCount;
            _failedSpans += outcome.SpanCount;
        }

        _firstFailure ??= outcome;
        if (outcome.StopsTheSend)
        {
            _stopReason ??= outcome.ErrorMessage ?? outcome.ErrorCode.ToString();
        }
    }

    /// <summary>Counts traces the send never attempted because it had stopped.</summary>
    public void NotAttempted(int traces, int spans)
    {
        _unsentTraces += traces;
        _unsentSpans += spans;
    }

    /// <summary>Counts the traces from <paramref name="first"/> on, never marshalled because the send had stopped.</summary>
    public void NotAttempted<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, int first)
        where TSpan : class
    {
        if (first < traces.Count)
        {
            NotAttempted(traces.Count - first, SpanCount(traces, first));
        }
    }

    /// <summary>The response of a send that ran to its end (every trace accounted for).</summary>
    public TraceExporterResponse ToResponse()
    {
        int requested = _acceptedTraces + _rejectedTraces + _failedTraces;
        var counts = new TraceCounts(_acceptedTraces, _rejectedTraces + _failedTraces, _unsentTraces, _marshalled);
        if (_firstFailure is not RequestOutcome failure)
        {
            return new TraceExporterResponse(
                TraceExporterStatus.Ok, requested, counts, _lastSuccess?.Payload ?? default, _lastSuccess?.ServiceRates, _lastSuccess?.HttpStatusCode);
        }

        // The first failure says what went wrong; rates from an earlier accepted request are still the agent's latest.
        return new TraceExporterResponse(
            TraceExporterResponse.Classify(failure.ErrorCode!.Value), requested, counts, failure.Payload, _lastSuccess?.ServiceRates,
            failure.HttpStatusCode, failure.ErrorCode, failure.ErrorMessage);
    }

    /// <summary>
    /// Logs what was left out or not attempted, and records the metrics. A send that did not run to
    /// its end (<paramref name="unfinishedReason"/>: cancelled, or an exception from a span getter)
    /// counts every trace it had not yet accounted for as dropped for that reason.
    /// </summary>
    public void Report<TSpan>(ILogger logger, IReadOnlyList<IReadOnlyList<TSpan>> traces, string? unfinishedReason)
        where TSpan : class
        => Report(logger, unfinishedReason is null ? default : (traces.Count, SpanCount(traces, 0)), unfinishedReason);

    /// <summary>
    /// Like <see cref="Report{TSpan}"/>, for a send whose traces are no longer at hand (a trace
    /// writer's buffer): <paramref name="handed"/> is how many traces and spans the send was given.
    /// </summary>
    public void Report(ILogger logger, (int Traces, int Spans) handed, string? unfinishedReason)
    {
        KeyValuePair<string, object?> pipeline = HealthMetrics.Pipeline(_pipeline);
        HealthMetrics.SendDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, pipeline);
        if (_acceptedTraces != 0 || _acceptedSpans != 0)
        {
            HealthMetrics.TracesSent.Add(_acceptedTraces, pipeline);
            HealthMetrics.SpansSent.Add(_acceptedSpans, pipeline);
        }

        BatchTally m = _marshalled;
        HealthMetrics.LeftOut(_pipeline, m);
        HealthMetrics.Dropped(_pipeline, HealthMetrics.Reasons.Rejected, _rejectedTraces, _rejectedSpans);
        HealthMetrics.Dropped(_pipeline, HealthMetrics.Reasons.SendFailed, _failedTraces, _failedSpans);
        HealthMetrics.Dropped(_pipeline, HealthMetrics.Reasons.NotAttempted, _unsentTraces, _unsentSpans);
        if (unfinishedReason is not null)
        {
            int traceCount = _acceptedTraces + _rejectedTraces + _failedTraces + _unsentTraces + m.DroppedTraceCount;
            int spanCount = _acceptedSpans + _rejectedSpans + _failedSpans + _unsentSpans + m.DroppedSpanCount;
            HealthMetrics.Dropped(_pipeline, unfinishedReason, handed.Traces - traceCount, handed.Spans - spanCount);
        }

        Log.LeftOut(logger, m);
        if (_unsentTraces != 0)
        {
            Log.NotAttempted(logger, _unsentTraces, _stopReason ?? "the send stopped");
        }
    }

    private static int SpanCount<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, int first)
        where TSpan : class
    {
        int spans = 0;
        for (int t = first; t < traces.Count; t++)
        {
            spans += traces[t]?.Count ?? 0;
        }

        return spans;
    }
}

/// <summary>Where a send's traces ended up, for the response.</summary>
internal readonly record struct TraceCounts(int Accepted, int Rejected, int NotAttempted, BatchTally Marshalled);
