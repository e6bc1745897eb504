using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SpanMarshal.AotSmoke;

/// <summary>One span as the agent should see it, worked out from the span object without SpanMarshal.</summary>
internal sealed record ExpectedSpan(
    string Service,
    string Name,
    string Resource,
    string Type,
    UInt128 TraceId,
    ulong SpanId,
    ulong ParentId,
    long Start,
    long Duration,
    int Error,
    IReadOnlyDictionary<string, string> Meta,
    IReadOnlyDictionary<string, double> Metrics)
{
    public static ExpectedSpan From(HttpSpan span, bool firstInTrace)
    {
        var meta = new Dictionary<string, string>(span.Meta);
        var metrics = new Dictionary<string, double>(span.Metrics);
        if (span.Method is not null)
        {
            meta["http.method"] = span.Method;
        }

        if (span.StatusCode is int status)
        {
            metrics["http.status_code"] = status;
        }

        if (span is HttpClientSpan client)
        {
            if (client.PeerHost is not null)
            {
                meta["peer.hostname"] = client.PeerHost;
            }

            metrics["http.retries"] = client.Retries;
        }

        ulong high = (ulong)(span.TraceId >> 64);
        if (firstInTrace && high != 0)
        {
            meta["_dd.p.tid"] = high.ToString("x16", CultureInfo.InvariantCulture);
        }

        return new ExpectedSpan(
            span.Service ?? string.Empty,
            span.OperationName,
            span.Resource ?? string.Empty,
            span.Type ?? string.Empty,
            span.TraceId,
            span.SpanId,
            span.ParentId,
            (span.Start - DateTime.UnixEpoch).Ticks * 100,
            span.Duration.Ticks * 100,
            span.Error ? 1 : 0,
            meta,
            metrics);
    }

    /// <summary>The first difference between what was expected and what arrived, or null.</summary>
    public static string? Compare(IReadOnlyList<IReadOnlyList<ExpectedSpan>> expected, IReadOnlyList<IReadOnlyList<ExpectedSpan>> actual)
    {
        if (expected.Count != actual.Count)
        {
            return $"{actual.Count} trace(s) arrived, {expected.Count} were sent";
        }

        for (int t = 0; t < expected.Count; t++)
        {
            if (expected[t].Count != actual[t].Count)
            {
                return $"trace {t}: {actual[t].Count} span(s) arrived, {expected[t].Count} were sent";
            }

            for (int s = 0; s < expected[t].Count; s++)
            {
                if (!Same(expected[t][s], actual[t][s]))
                {
                    return $"trace {t} span {s}: expected {expected[t][s]} with meta [{Show(expected[t][s].Meta)}] metrics [{Show(expected[t][s].Metrics)}], " +
                        $"got {actual[t][s]} with meta [{Show(actual[t][s].Meta)}] metrics [{Show(actual[t][s].Metrics)}]";
                }
            }
        }

        return null;
    }

    private static bool Same(ExpectedSpan a, ExpectedSpan b)
        => a with { Meta = b.Meta, Metrics = b.Metrics } == b
        && a.Meta.Count == b.Meta.Count && a.Meta.All(kv => b.Meta.TryGetValue(kv.Key, out string? v) && v == kv.Value)
        && a.Metrics.Count == b.Metrics.Count && a.Metrics.All(kv => b.Metrics.TryGetValue(kv.Key, out double v) && v.Equals(kv.Value));

    private static string Show<T>(IReadOnlyDictionary<string, T> tags)
        => string.Join(", ", tags.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value}")));
}
