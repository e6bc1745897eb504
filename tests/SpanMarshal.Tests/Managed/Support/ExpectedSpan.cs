using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>What the agent must receive for a source span, by the conversion rules both pipelines follow.</summary>
public static class ExpectedSpan
{
    public static Dictionary<string, string> Meta(TestSpan span, bool firstInChunk)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        ulong high = (ulong)(span.TraceId >> 64);
        if (firstInChunk && high != 0)
        {
            meta["_dd.p.tid"] = high.ToString("x16", CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in span.Meta ?? [])
        {
            if (value is not null)
            {
                meta[Utf8RoundTrip(key)] = Utf8RoundTrip(value);
            }
        }

        foreach (var (key, value) in span.Tags ?? [])
        {
            if (value is string s)
            {
                meta[Utf8RoundTrip(key)] = Utf8RoundTrip(s);
            }
        }

        return meta;
    }

    public static Dictionary<string, double> Metrics(TestSpan span)
    {
        var metrics = (span.Metrics ?? []).ToDictionary(kv => Utf8RoundTrip(kv.Key), kv => kv.Value, StringComparer.Ordinal);
        foreach (var (key, value) in span.Tags ?? [])
        {
            if (value is not (null or string) && IsNumber(value))
            {
                metrics[Utf8RoundTrip(key)] = value is Half half ? (double)half : Convert.ToDouble(value, CultureInfo.InvariantCulture);
            }
        }

        return metrics;
    }

    public static bool IsNumber(object value) => value is double or float or int or long or short or byte or sbyte or ushort or uint or ulong or decimal or Half;

    /// <summary>
    /// What the agent decodes for <paramref name="span"/>, sent in a chunk whose first span is
    /// <paramref name="chunkFirst"/> (null when it is the first): the chunk's first span carries the
    /// high half of the trace id, which the agent applies to the whole chunk.
    /// </summary>
    public static ReceivedSpan Received(TestSpan span, TestSpan? chunkFirst = null)
    {
        ulong high = (ulong)((chunkFirst ?? span).TraceId >> 64);
        return new ReceivedSpan(
            Utf8RoundTrip(span.Service ?? ""),
            Utf8RoundTrip(span.Name ?? ""),
            Utf8RoundTrip(span.Resource ?? ""),
            Utf8RoundTrip(span.Type ?? ""),
            new UInt128(high, (ulong)span.TraceId),
            span.SpanId,
            span.ParentId,
            span.Start,
            span.Duration,
            span.Error ? 1 : 0,
            Meta(span, firstInChunk: chunkFirst is null),
            Metrics(span));
    }

    /// <summary>Asserts that <paramref name="actual"/> is what the agent must decode for <paramref name="expected"/>, the first span of its chunk.</summary>
    public static void AssertReceived(TestSpan expected, ReceivedSpan actual) => Assert.Equal(Received(expected), actual);

    /// <summary>Asserts that the received chunks are the source chunks, span by span.</summary>
    public static void AssertTraces(IReadOnlyList<IReadOnlyList<TestSpan>> expected, IReadOnlyList<IReadOnlyList<ReceivedSpan>> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int t = 0; t < expected.Count; t++)
        {
            Assert.Equal(expected[t].Select((s, i) => Received(s, i == 0 ? null : expected[t][0])), actual[t]);
        }
    }

    // Lone surrogates cannot cross UTF-8; they arrive as U+FFFD.
    private static string Utf8RoundTrip(string value) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value));
}
