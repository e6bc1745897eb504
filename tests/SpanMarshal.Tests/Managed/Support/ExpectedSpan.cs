using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using SpanMarshal.Testing;
using Xunit;

using SpanMarshal.Tests.Support;

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
                meta[key] = Utf8RoundTrip(value);
            }
        }

        foreach (var (key, value) in span.Tags ?? [])
        {
            if (value is string s)
            {
                meta[key] = Utf8RoundTrip(s);
            }
        }

        return meta;
    }

    public static Dictionary<string, double> Metrics(TestSpan span)
    {
        var metrics = new Dictionary<string, double>(span.Metrics ?? [], StringComparer.Ordinal);
        foreach (var (key, value) in span.Tags ?? [])
        {
            if (value is not (null or string) && IsNumber(value))
            {
                metrics[key] = Convert.ToDouble(value, CultureInfo.InvariantCulture);
            }
        }

        return metrics;
    }

    public static bool IsNumber(object value) => value is double or float or int or long or short or byte or sbyte or ushort or uint or ulong or decimal or Half;

    /// <summary>Asserts that <paramref name="actual"/> is <paramref name="expected"/>, field by field.</summary>
    public static void AssertReceived(TestSpan expected, ReceivedSpan actual, bool firstInChunk)
    {
        Assert.Equal(Utf8RoundTrip(expected.Service ?? ""), actual.Service);
        Assert.Equal(Utf8RoundTrip(expected.Name ?? ""), actual.Name);
        Assert.Equal(Utf8RoundTrip(expected.Resource ?? ""), actual.Resource);
        Assert.Equal(Utf8RoundTrip(expected.Type ?? ""), actual.Type);
        Assert.Equal((ulong)expected.TraceId, actual.TraceId);
        Assert.Equal(expected.SpanId, actual.SpanId);
        Assert.Equal(expected.ParentId, actual.ParentId);
        Assert.Equal(expected.Start, actual.Start);
        Assert.Equal(expected.Duration, actual.Duration);
        Assert.Equal(expected.Error ? 1 : 0, actual.Error);
        Assert.Equal(Meta(expected, firstInChunk), actual.Meta);
        Assert.Equal(Metrics(expected), actual.Metrics);
    }

    /// <summary>Asserts that the received chunks are the source chunks, span by span.</summary>
    public static void AssertTraces(IReadOnlyList<IReadOnlyList<TestSpan>> expected, IReadOnlyList<IReadOnlyList<ReceivedSpan>> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int t = 0; t < expected.Count; t++)
        {
            Assert.Equal(expected[t].Count, actual[t].Count);
            for (int s = 0; s < expected[t].Count; s++)
            {
                AssertReceived(expected[t][s], actual[t][s], firstInChunk: s == 0);
            }
        }
    }

    // Lone surrogates cannot cross UTF-8; they arrive as U+FFFD.
    private static string Utf8RoundTrip(string value) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value));
}
