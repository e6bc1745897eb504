using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace SpanMarshal.Benchmarks.OpenTelemetry;

/// <summary>
/// The benchmark's spans as OpenTelemetry has them: one <see cref="Activity"/> per span with the same
/// trace and parent ids, start, duration and error status, the name as its display name and the
/// resource, type and 11 tags as attributes (the metrics as double attributes). The service is the
/// OTel resource's <c>service.name</c>, sent once per request, as OTLP does.
/// </summary>
internal static class WebActivities
{
    public static Activity[] From(IEnumerable<WebSpan> spans)
        => [.. spans.Select(From)];

    private static Activity From(WebSpan span)
    {
        var activity = new Activity(span.Name);
        activity.SetIdFormat(ActivityIdFormat.W3C);
        Span<byte> id = stackalloc byte[16];
        BitConverter.TryWriteBytes(id, span.TraceIdHigh);
        BitConverter.TryWriteBytes(id[8..], span.TraceIdLow);
        Span<byte> parent = stackalloc byte[8];
        BitConverter.TryWriteBytes(parent, span.ParentId == 0 ? span.SpanId : span.ParentId);
        activity.SetParentId(ActivityTraceId.CreateFromBytes(id), ActivitySpanId.CreateFromBytes(parent), ActivityTraceFlags.Recorded);
        activity.Start();
        DateTime start = DateTime.UnixEpoch.AddTicks(span.Start / 100);
        activity.SetStartTime(start);
        activity.SetEndTime(start.AddTicks(span.Duration / 100));
        activity.SetStatus(span.Error ? ActivityStatusCode.Error : ActivityStatusCode.Unset);
        activity.SetTag("resource.name", span.Resource);
        activity.SetTag("span.type", span.Type);
        activity.SetTag("env", span.Env);
        activity.SetTag("version", span.Version);
        activity.SetTag("component", span.Component);
        activity.SetTag("span.kind", span.SpanKind);
        activity.SetTag("http.method", span.HttpMethod);
        activity.SetTag("http.route", span.HttpRoute);
        activity.SetTag("http.url", span.HttpUrl);
        activity.SetTag("http.status_code", span.StatusCode);
        activity.SetTag("_sampling_priority_v1", span.SamplingPriority);
        activity.SetTag("_dd.top_level", span.TopLevel);
        activity.SetTag("_dd.measured", span.Measured);

        // Stopped without a listener: nothing else sees it; the exporter reads it as a finished span.
        Activity.Current = null;
        return activity;
    }
}
