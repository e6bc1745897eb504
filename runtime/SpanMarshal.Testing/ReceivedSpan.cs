using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SpanMarshal.Testing;

/// <summary>
/// One span as the agent decoded it, with plain values for assertions. Two spans are equal when
/// every field is, their <see cref="Meta"/> and <see cref="Metrics"/> compared by content in any
/// order, so an expected span can be compared with a received one directly.
/// </summary>
/// <param name="Service">The service (<c>""</c> when absent).</param>
/// <param name="Name">The operation name.</param>
/// <param name="Resource">The resource (<c>""</c> when absent).</param>
/// <param name="Type">The span type (<c>""</c> when absent).</param>
/// <param name="TraceId">
/// The 128-bit trace id: the span's <c>trace_id</c> is its low 64 bits; the high 64 bits are meta
/// <c>_dd.p.tid</c> of the first span of the span's chunk (tracers set it there only), 0 when absent.
/// </param>
/// <param name="SpanId">The span id.</param>
/// <param name="ParentId">The parent span id, 0 for a root span.</param>
/// <param name="Start">Start time, nanoseconds since the Unix epoch.</param>
/// <param name="Duration">Duration in nanoseconds.</param>
/// <param name="Error">1 for an error span, else 0.</param>
/// <param name="Meta">The string tags, as sent (<c>_dd.p.tid</c> included where it was sent).</param>
/// <param name="Metrics">The numeric tags.</param>
public sealed record ReceivedSpan(
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
    private const int ShownValueLength = 40;

    /// <summary>Whether <paramref name="other"/> has the same fields and the same tags, in any order.</summary>
    /// <param name="other">The span to compare with.</param>
    public bool Equals(ReceivedSpan? other)
        => other is not null
        && (Service, Name, Resource, Type, TraceId, SpanId, ParentId, Start, Duration, Error)
            == (other.Service, other.Name, other.Resource, other.Type, other.TraceId, other.SpanId, other.ParentId, other.Start, other.Duration, other.Error)
        && SameTags(Meta, other.Meta)
        && SameTags(Metrics, other.Metrics);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TraceId, SpanId, Name, Meta.Count, Metrics.Count);

    /// <summary>Every field and tag on one line, tags sorted by key and long values shortened, for assertion messages.</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Name} {Service}/{Resource}/{Type} trace={TraceId:x} span={SpanId} parent={ParentId} start={Start} duration={Duration} error={Error} ")
         + $"meta={{{Describe(Meta)}}} metrics={{{Describe(Metrics)}}}";

    // Each side looks keys up with its own comparer; equal counts make that symmetric for the ordinal dictionaries the agent builds.
    private static bool SameTags<T>(IReadOnlyDictionary<string, T> a, IReadOnlyDictionary<string, T> b)
        => ReferenceEquals(a, b)
        || (a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out T? value) && EqualityComparer<T>.Default.Equals(kv.Value, value)));

    private static string Describe<T>(IReadOnlyDictionary<string, T> tags)
    {
        var text = new StringBuilder();
        foreach (KeyValuePair<string, T> tag in tags.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
            text.Append(text.Length == 0 ? "" : ", ").Append(tag.Key).Append('=')
                .Append(value.Length <= ShownValueLength ? value : string.Create(CultureInfo.InvariantCulture, $"{value[..ShownValueLength]}...({value.Length} chars)"));
        }

        return text.ToString();
    }
}
