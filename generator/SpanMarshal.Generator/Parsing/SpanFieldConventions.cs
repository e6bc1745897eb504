using System;
using System.Collections.Generic;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>
/// The one table of naming conventions and accepted member types, shared by the parser (and so
/// by the analyzers, which run the parser) and the diagnostic messages.
/// </summary>
internal static class SpanFieldConventions
{
    private static readonly Dictionary<string, SpanFieldKind> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Name"] = SpanFieldKind.Name,
        ["OperationName"] = SpanFieldKind.Name,
        ["Service"] = SpanFieldKind.Service,
        ["ServiceName"] = SpanFieldKind.Service,
        ["Resource"] = SpanFieldKind.Resource,
        ["ResourceName"] = SpanFieldKind.Resource,
        ["Type"] = SpanFieldKind.Type,
        ["SpanType"] = SpanFieldKind.Type,
        ["TraceId"] = SpanFieldKind.TraceId,
        ["TraceIdHigh"] = SpanFieldKind.TraceIdHigh,
        ["TraceIdLow"] = SpanFieldKind.TraceIdLow,
        ["SpanId"] = SpanFieldKind.SpanId,
        ["Id"] = SpanFieldKind.SpanId,
        ["ParentId"] = SpanFieldKind.ParentId,
        ["Start"] = SpanFieldKind.Start,
        ["StartTime"] = SpanFieldKind.Start,
        ["Duration"] = SpanFieldKind.Duration,
        ["Error"] = SpanFieldKind.Error,
        ["IsError"] = SpanFieldKind.Error,
        ["Status"] = SpanFieldKind.Error,
        ["Meta"] = SpanFieldKind.Meta,
        ["Tags"] = SpanFieldKind.Meta,
        ["Metrics"] = SpanFieldKind.Metrics,
    };

    /// <summary>The span field a member name maps to by convention.</summary>
    public static bool TryMatch(string memberName, out SpanFieldKind field)
        => ByName.TryGetValue(StripPrefix(memberName), out field);

    /// <summary>
    /// True when the name only matches a convention once inner underscores are dropped
    /// (<c>trace_id</c>, <c>Start_Time</c>): likely meant, but not mapped without the attribute.
    /// </summary>
    public static bool TryMatchAmbiguously(string memberName, out SpanFieldKind field)
    {
        string stripped = StripPrefix(memberName);
        field = default;
        return stripped.IndexOf('_') >= 0 && ByName.TryGetValue(stripped.Replace("_", string.Empty), out field);
    }

    /// <summary>The accepted member types of a field, for diagnostic messages.</summary>
    public static string AcceptedTypes(SpanFieldKind field) => field switch
    {
        SpanFieldKind.Name or SpanFieldKind.Service or SpanFieldKind.Resource or SpanFieldKind.Type
            => "string, byte[] (UTF-8), ReadOnlyMemory<byte> (UTF-8)",
        SpanFieldKind.TraceId => "UInt128, ulong, long",
        SpanFieldKind.TraceIdHigh or SpanFieldKind.TraceIdLow or SpanFieldKind.SpanId or SpanFieldKind.ParentId => "ulong, long",
        SpanFieldKind.Start => "long (ns since the Unix epoch), DateTime, DateTimeOffset",
        SpanFieldKind.Duration => "long (ns), TimeSpan, double (seconds)",
        SpanFieldKind.Error => "bool, int",
        SpanFieldKind.Meta => "IEnumerable<KeyValuePair<string, string>>, IEnumerable<KeyValuePair<string, object>> (mixed tag bag)",
        SpanFieldKind.Metrics => "IEnumerable<KeyValuePair<string, V>> with V = " + TagValueTypes.MetricNumbers,
        _ => string.Empty,
    };

    /// <summary>True when two names are the same convention name (a property and its backing field, say).</summary>
    public static bool SameName(string left, string right)
        => string.Equals(StripPrefix(left), StripPrefix(right), StringComparison.OrdinalIgnoreCase);

    private static string StripPrefix(string name)
    {
        if (name.StartsWith("m_", StringComparison.OrdinalIgnoreCase))
        {
            return name.Substring(2);
        }

        return name.StartsWith("_", StringComparison.Ordinal) ? name.Substring(1) : name;
    }
}
