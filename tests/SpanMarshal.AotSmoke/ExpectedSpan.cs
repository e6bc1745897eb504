using System;
using System.Collections.Generic;
using System.Globalization;
using SpanMarshal.Testing;

namespace SpanMarshal.AotSmoke;

/// <summary>The spans the agent should see, worked out from the span objects without SpanMarshal.</summary>
internal static class ExpectedSpan
{
    public static ReceivedSpan From(HttpSpan span, bool firstInTrace)
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

        return new ReceivedSpan(
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
    public static string? Compare(IReadOnlyList<IReadOnlyList<ReceivedSpan>> expected, IReadOnlyList<IReadOnlyList<ReceivedSpan>> actual)
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
                if (!expected[t][s].Equals(actual[t][s]))
                {
                    return $"trace {t} span {s}: expected {expected[t][s]}, got {actual[t][s]}";
                }
            }
        }

        return null;
    }
}
