using System;
using System.Collections.Generic;
using System.Linq;

namespace SpanMarshal.Tests.EndToEnd;

/// <summary>A span as it reaches the agent: the shape the managed and libdatadog paths are compared in.</summary>
public sealed record WireSpan(
    string Service,
    string Name,
    string Resource,
    string Type,
    ulong TraceId,
    ulong SpanId,
    ulong ParentId,
    long Start,
    long Duration,
    int Error,
    IReadOnlyDictionary<string, string> Meta,
    IReadOnlyDictionary<string, double> Metrics)
{
    // Records compare dictionaries by reference; spans are equal when their tags are.
    public bool Equals(WireSpan? other)
        => other is not null
        && (Service, Name, Resource, Type, TraceId, SpanId, ParentId, Start, Duration, Error)
            == (other.Service, other.Name, other.Resource, other.Type, other.TraceId, other.SpanId, other.ParentId, other.Start, other.Duration, other.Error)
        && SameTags(Meta, other.Meta)
        && SameTags(Metrics, other.Metrics);

    public override int GetHashCode() => HashCode.Combine(TraceId, SpanId, Name);

    public override string ToString()
        => $"{Name} {Service}/{Resource}/{Type} trace={TraceId:x} span={SpanId} parent={ParentId} start={Start} duration={Duration} error={Error} "
         + $"meta={{{Describe(Meta)}}} metrics={{{Describe(Metrics)}}}";

    private static bool SameTags<T>(IReadOnlyDictionary<string, T> a, IReadOnlyDictionary<string, T> b)
        => a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out T? value) && EqualityComparer<T>.Default.Equals(kv.Value, value));

    private static string Describe<T>(IReadOnlyDictionary<string, T> tags)
        => string.Join(", ", tags.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={Shorten(kv.Value?.ToString())}"));

    private static string? Shorten(string? value) => value is { Length: > 40 } ? value[..37] + "..." : value;
}
