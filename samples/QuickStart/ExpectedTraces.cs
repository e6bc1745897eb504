using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SpanMarshal;
using SpanMarshal.Testing;

namespace QuickStart;

/// <summary>
/// What the agent must have received, worked out from the span objects without SpanMarshal, and
/// the comparison of every field and tag of every span with what arrived.
/// </summary>
internal static class ExpectedTraces
{
    /// <summary>
    /// The span as the agent should decode it: the first span of a trace also carries the high half
    /// of its 128-bit id in <c>_dd.p.tid</c>, and the exporter's defaults fill what the span leaves
    /// unset (README, Configuration): the service, <c>env</c>, <c>version</c> on the application's
    /// own spans, <c>_dd.hostname</c>.
    /// </summary>
    public static ReceivedSpan From(RequestSpan span, bool firstInTrace, TraceExporterOptions defaults)
    {
        var meta = new Dictionary<string, string>(span.Tags, StringComparer.Ordinal);
        AddIfSet(meta, "http.method", span.HttpMethod);
        AddIfSet(meta, "http.route", span.HttpRoute);
        AddIfSet(meta, "http.status_code", span.HttpStatusCode);
        ulong high = (ulong)(span.TraceId >> 64);
        if (firstInTrace && high != 0)
        {
            meta["_dd.p.tid"] = high.ToString("x16", CultureInfo.InvariantCulture);
        }

        bool ownService = string.IsNullOrEmpty(span.ServiceName) || span.ServiceName == defaults.Service;
        AddDefault(meta, "env", defaults.Environment);
        AddDefault(meta, "version", ownService ? defaults.Version : null);
        AddDefault(meta, "_dd.hostname", defaults.HostName);

        return new ReceivedSpan(
            string.IsNullOrEmpty(span.ServiceName) ? defaults.Service ?? "" : span.ServiceName,
            span.OperationName,
            span.ResourceName ?? "",
            span.Type ?? "",
            span.TraceId,
            span.SpanId,
            span.ParentId,
            (span.StartTime.UtcTicks - DateTime.UnixEpoch.Ticks) * 100,
            span.Duration.Ticks * 100,
            span.IsError ? 1 : 0,
            meta,
            new Dictionary<string, double>(span.Metrics, StringComparer.Ordinal));
    }

    /// <summary>
    /// Every difference between the traces sent and those received (in any order: the writer sends
    /// traces in the order threads finished them), at most <paramref name="limit"/> of them.
    /// </summary>
    public static List<string> Differences(
        IReadOnlyList<IReadOnlyList<RequestSpan>> sent, IReadOnlyList<IReadOnlyList<ReceivedSpan>> received, TraceExporterOptions defaults, int limit = 10)
    {
        var differences = new List<string>();
        var expected = sent.ToDictionary(t => t[0].SpanId, t => t.Select((s, i) => From(s, firstInTrace: i == 0, defaults)).ToList());
        if (received.Count != sent.Count)
        {
            differences.Add($"{received.Count} trace(s) arrived, {sent.Count} were sent");
        }

        foreach (IReadOnlyList<ReceivedSpan> trace in received)
        {
            if (differences.Count >= limit)
            {
                break;
            }

            if (trace.Count == 0 || !expected.Remove(trace[0].SpanId, out List<ReceivedSpan>? spans))
            {
                differences.Add($"a trace arrived that was not sent, or twice: {(trace.Count == 0 ? "empty" : trace[0].ToString())}");
                continue;
            }

            if (spans.Count != trace.Count)
            {
                differences.Add($"trace of span {spans[0].SpanId}: {trace.Count} span(s) arrived, {spans.Count} were sent");
                continue;
            }

            differences.AddRange(spans.Zip(trace).Where(pair => !pair.First.Equals(pair.Second)).Select(pair => $"expected {pair.First}\n           got      {pair.Second}"));
        }

        differences.AddRange(expected.Values.Take(Math.Max(0, limit - differences.Count)).Select(spans => $"never arrived: the trace of {spans[0]}"));
        return differences;
    }

    // A span's own tag wins over the exporter's default.
    private static void AddDefault(Dictionary<string, string> meta, string key, string? value)
    {
        if (value is not null)
        {
            meta.TryAdd(key, value);
        }
    }

    private static void AddIfSet(Dictionary<string, string> meta, string key, string? value)
    {
        if (value is not null)
        {
            meta[key] = value;
        }
    }
}
