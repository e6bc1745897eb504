using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Diagnostics;

/// <summary>
/// SpanMarshal's health metrics: one <see cref="Meter"/> named <see cref="MeterName"/>, with names
/// and units after OpenTelemetry's conventions. Every instrument carries <c>spanmarshal.pipeline</c>
/// (<c>managed</c> or <c>libdatadog</c>); drops carry a <c>reason</c>.
/// </summary>
internal static class HealthMetrics
{
    /// <summary>The meter's name: what a <c>MeterListener</c>, <c>dotnet-counters</c> or OpenTelemetry's <c>AddMeter</c> subscribes to.</summary>
    public const string MeterName = "SpanMarshal";

    public const string PipelineTag = "spanmarshal.pipeline";
    public const string ReasonTag = "reason";
    public const string OutcomeTag = "outcome";
    public const string StatusCodeTag = "http.response.status_code";

    public static readonly Meter Meter = new(MeterName, typeof(HealthMetrics).Assembly.GetName().Version?.ToString(3));

    public static readonly Counter<long> TracesSent = Meter.CreateCounter<long>("spanmarshal.traces.sent", "{trace}", "Traces the agent accepted.");

    public static readonly Counter<long> SpansSent = Meter.CreateCounter<long>("spanmarshal.spans.sent", "{span}", "Spans the agent accepted.");

    public static readonly Counter<long> TracesDropped = Meter.CreateCounter<long>("spanmarshal.traces.dropped", "{trace}", "Traces not delivered, by reason.");

    public static readonly Counter<long> SpansDropped = Meter.CreateCounter<long>("spanmarshal.spans.dropped", "{span}", "Spans not delivered, by reason.");

    public static readonly Counter<long> Requests = Meter.CreateCounter<long>("spanmarshal.requests", "{request}", "Requests to the agent (every attempt), by outcome.");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("spanmarshal.requests.retried", "{request}", "Attempts that were retries of a failed request.");

    public static readonly Counter<long> BytesSent = Meter.CreateCounter<long>("spanmarshal.bytes.sent", "By", "Request body bytes sent to the agent.");

    public static readonly Histogram<double> SendDuration = Meter.CreateHistogram<double>("spanmarshal.send.duration", "s", "How long a send took, marshalling and every request and retry included.");

    public static readonly Counter<long> TracesWritten = Meter.CreateCounter<long>("spanmarshal.traces.written", "{trace}", "Traces handed to a trace writer, dropped ones included.");

    public static readonly Counter<long> SpansWritten = Meter.CreateCounter<long>("spanmarshal.spans.written", "{span}", "Spans handed to a trace writer, dropped ones included.");

    public static readonly Counter<long> Flushes = Meter.CreateCounter<long>("spanmarshal.flushes", "{flush}", "Trace writer buffers handed to the pipeline, by reason.");

    /// <summary>
    /// Spans written and not yet sent or dropped, summed over live writers. An asynchronous
    /// UpDownCounter rather than a gauge: OpenTelemetry's instrument for an additive count of
    /// items in a buffer, so summing it across writers or processes gives a meaningful total.
    /// </summary>
    public static readonly ObservableUpDownCounter<long> SpansBuffered = Meter.CreateObservableUpDownCounter(
        "spanmarshal.spans.buffered", BufferedSpanSources.Observe, "{span}", "Spans written to a trace writer and not yet sent or dropped.");

    /// <summary>Why traces or spans were not delivered: the values of the <c>reason</c> tag.</summary>
    internal static class Reasons
    {
        /// <summary>Left out while marshalling: null, empty, zero ids, out-of-range times, a native error.</summary>
        public const string Invalid = "invalid";

        /// <summary>Larger than one request may be.</summary>
        public const string TooLarge = "too_large";

        /// <summary>The agent refused the request carrying them (4xx).</summary>
        public const string Rejected = "rejected";

        /// <summary>The request carrying them failed for good: network, timeout, 5xx, after every retry.</summary>
        public const string SendFailed = "send_failed";

        /// <summary>Never sent: an earlier request of the same send failed in a way the next would too.</summary>
        public const string NotAttempted = "not_attempted";

        /// <summary>The send was cancelled before the agent accepted them.</summary>
        public const string Cancelled = "cancelled";

        /// <summary>The send failed with an exception (a span getter threw) before they were sent.</summary>
        public const string Failed = "failed";

        /// <summary>A trace writer's buffer was full (the agent is slow or down, or traces come faster than it takes them).</summary>
        public const string BufferFull = "buffer_full";

        /// <summary>Still buffered or in flight when a trace writer's disposal gave up waiting for them.</summary>
        public const string Shutdown = "shutdown";

        /// <summary>Written to a trace writer after it was disposed.</summary>
        public const string Disposed = "disposed";
    }

    /// <summary>Why a trace writer flushed: the values of the <c>reason</c> tag of <see cref="Flushes"/>.</summary>
    internal static class FlushReasons
    {
        /// <summary>The flush interval passed.</summary>
        public const string Interval = "interval";

        /// <summary>The buffer reached its limit.</summary>
        public const string Size = "size";

        /// <summary><c>FlushAsync</c> was called.</summary>
        public const string Requested = "requested";

        /// <summary>The writer is being disposed.</summary>
        public const string Dispose = "dispose";
    }

    public static KeyValuePair<string, object?> Pipeline(TracePipelineKind kind)
        => new(PipelineTag, kind == TracePipelineKind.LibDatadog ? "libdatadog" : "managed");

    /// <summary>Counts one request (attempt) to the agent and how it ended.</summary>
    public static void Request(TracePipelineKind kind, string outcome, int? httpStatus, bool retry)
    {
        var tags = new TagList { Pipeline(kind), { OutcomeTag, outcome } };
        if (httpStatus is int status)
        {
            tags.Add(StatusCodeTag, status);
        }

        Requests.Add(1, tags);
        if (retry)
        {
            Retries.Add(1, Pipeline(kind));
        }
    }

    /// <summary>Counts what marshalling left out (<paramref name="tally"/>) as dropped: too large, else invalid.</summary>
    public static void LeftOut(TracePipelineKind kind, BatchTally tally)
    {
        Dropped(kind, Reasons.TooLarge, tally.TooLargeTraceCount, tally.TooLargeSpanCount);
        Dropped(kind, Reasons.Invalid, tally.DroppedTraceCount - tally.TooLargeTraceCount, tally.DroppedSpanCount - tally.TooLargeSpanCount);
    }

    /// <summary>Adds <paramref name="traces"/> and <paramref name="spans"/> to the dropped counters with <paramref name="reason"/>.</summary>
    public static void Dropped(TracePipelineKind kind, string reason, int traces, int spans)
    {
        var tags = new TagList { Pipeline(kind), { ReasonTag, reason } };
        if (traces != 0)
        {
            TracesDropped.Add(traces, tags);
        }

        if (spans != 0)
        {
            SpansDropped.Add(spans, tags);
        }
    }
}
