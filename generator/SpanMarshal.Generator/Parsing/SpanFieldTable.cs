using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>
/// The one table of what each span field takes: the member names that map to it by convention,
/// the member types it reads and how each converts, and the words that make an unmapped name look
/// like it. The parser (and so the analyzers, which run it) and every diagnostic message read it.
/// </summary>
/// <remarks>
/// Names come from tracers' span models: Datadog's (<c>OperationName</c>, <c>ParentId</c>,
/// <c>Start</c>, <c>Duration</c>), OpenTelemetry's (<c>ParentSpanId</c>, <c>StartTimeUtc</c>,
/// <c>StartTimeUnixNano</c>, <c>StartEpochNanos</c>), Sentry's (<c>StartTimestamp</c>) and the
/// <c>*_ns</c> fields of dd-trace-py and dd-trace-java. Names whose unit differs between tracers,
/// such as Zipkin's microsecond <c>Timestamp</c>, are left to <c>[SpanField]</c> and get SMG016.
/// </remarks>
internal static class SpanFieldTable
{
    private static readonly AcceptedType<ScalarKind>[] Text =
    [
        new("string", t => t.SpecialType == SpecialType.System_String, ScalarKind.String),
        new("byte[] (UTF-8)", KnownTypes.IsByteArray, ScalarKind.Utf8Array),
        new("ReadOnlyMemory<byte> (UTF-8)", t => KnownTypes.IsGeneric(t, "System", "ReadOnlyMemory", SpecialType.System_Byte), ScalarKind.Utf8Memory),
    ];

    private static readonly AcceptedType<ScalarKind>[] Id =
    [
        new("ulong", t => t.SpecialType == SpecialType.System_UInt64, ScalarKind.UnsignedId),
        new("long", t => t.SpecialType == SpecialType.System_Int64, ScalarKind.SignedId),
    ];

    private static readonly ScalarKind[] InNanoseconds = [ScalarKind.Nanoseconds, ScalarKind.UnsignedNanoseconds];
    private static readonly ScalarKind[] PointsInTime = [ScalarKind.DateTime, ScalarKind.DateTimeOffset];

    private static readonly FieldRule[] Rules =
    [
        new(SpanField.Name, Text, [], Names(SpanField.Name, "Name", "OperationName", "SpanName"), ["operation -id -type -kind", "display name"]),
        new(SpanField.Service, Text, [], Names(SpanField.Service, "Service", "ServiceName"), []),
        new(SpanField.Resource, Text, [], Names(SpanField.Resource, "Resource", "ResourceName"), []),
        new(SpanField.Type, Text, [], Names(SpanField.Type, "Type", "SpanType"), []),
        new(
            SpanField.TraceId,
            [new("UInt128", t => KnownTypes.IsSystemType(t, "UInt128"), ScalarKind.TraceId128), .. Id],
            [],
            Names(SpanField.TraceId, "TraceId"),
            ["trace id -high -upper -hi -low -lower -lo", "trace identifier"]),
        new(SpanField.TraceIdHigh, Id, [], Names(SpanField.TraceIdHigh, "TraceIdHigh"), ["trace high", "trace upper", "trace hi"]),
        new(SpanField.TraceIdLow, Id, [], Names(SpanField.TraceIdLow, "TraceIdLow"), ["trace low", "trace lower", "trace lo"]),
        new(SpanField.SpanId, Id, [], Names(SpanField.SpanId, "SpanId", "Id"), ["span id -parent", "span identifier -parent"]),
        new(SpanField.ParentId, Id, [], Names(SpanField.ParentId, "ParentId", "ParentSpanId"), ["parent id", "parent identifier"]),
        new(
            SpanField.Start,
            [
                new("long (ns since the Unix epoch)", t => t.SpecialType == SpecialType.System_Int64, ScalarKind.Nanoseconds),
                new("ulong (ns since the Unix epoch)", t => t.SpecialType == SpecialType.System_UInt64, ScalarKind.UnsignedNanoseconds),
                new("DateTime", t => t.SpecialType == SpecialType.System_DateTime, ScalarKind.DateTime),
                new("DateTimeOffset", t => KnownTypes.IsSystemType(t, "DateTimeOffset"), ScalarKind.DateTimeOffset),
            ],
            [],
            [
                .. Names(SpanField.Start, "Start", "StartTime"),
                .. Names(SpanField.Start, PointsInTime, "StartTimestamp", "StartTimeUtc"),
                .. Names(SpanField.Start, InNanoseconds, "StartNs", "StartNanos", "StartTimeNs", "StartTimeNanos", "StartTimeUnixNano", "StartUnixNano", "StartEpochNanos"),
            ],
            ["start -end", "started", "begin", "timestamp -end -finish"]),
        new(
            SpanField.Duration,
            [
                new("long (ns)", t => t.SpecialType == SpecialType.System_Int64, ScalarKind.Nanoseconds),
                new("ulong (ns)", t => t.SpecialType == SpecialType.System_UInt64, ScalarKind.UnsignedNanoseconds),
                new("TimeSpan", t => KnownTypes.IsSystemType(t, "TimeSpan"), ScalarKind.TimeSpan),
                new("double (seconds)", t => t.SpecialType == SpecialType.System_Double, ScalarKind.Seconds),
            ],
            [],
            [
                .. Names(SpanField.Duration, "Duration"),
                .. Names(SpanField.Duration, InNanoseconds, "DurationNs", "DurationNano", "DurationNanos", "DurationNanoseconds"),
                .. Names(SpanField.Duration, [ScalarKind.Seconds], "DurationSeconds"),
            ],
            ["duration", "elapsed"]),
        new(
            SpanField.Error,
            [
                new("bool", t => t.SpecialType == SpecialType.System_Boolean, ScalarKind.Boolean),
                new("int", t => t.SpecialType == SpecialType.System_Int32, ScalarKind.NonZeroInt32),
            ],
            [],
            Names(SpanField.Error, "Error", "IsError", "HasError", "Status"),
            ["error", "failed", "failure", "faulted"]),
        new(
            SpanField.Meta,
            [],
            [
                new("IEnumerable<KeyValuePair<string, string>>", t => t.SpecialType == SpecialType.System_String, CollectionKind.StringTags),
                new("IEnumerable<KeyValuePair<string, object>> (mixed tag bag)", t => t.SpecialType == SpecialType.System_Object, CollectionKind.TagBag),
            ],
            Names(SpanField.Meta, "Meta", "Tags"),
            ["tag", "tags", "attributes", "labels"]),
        new(
            SpanField.Metrics,
            [],
            [new("IEnumerable<KeyValuePair<string, V>> with V = " + TagValueTypes.MetricNumberNames, TagValueTypes.IsMetricNumber, CollectionKind.NumericTags)],
            Names(SpanField.Metrics, "Metrics"),
            ["metric", "metrics", "measurements"]),
    ];

    private static readonly Dictionary<string, ConventionName> ByName =
        Rules.SelectMany(r => r.Names).ToDictionary(n => n.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every row, in span-field order.</summary>
    public static IReadOnlyList<FieldRule> All => Rules;

    public static FieldRule For(SpanField field) => Rules[(int)field];

    /// <summary>The convention a member name matches (case-insensitive, a leading <c>_</c> or <c>m_</c> ignored), or null.</summary>
    public static ConventionName? Match(string memberName)
        => ByName.TryGetValue(StripPrefix(memberName), out ConventionName? name) ? name : null;

    /// <summary>
    /// The convention the name only matches once inner underscores are dropped (<c>trace_id</c>,
    /// <c>Start_Time</c>): likely meant, but not mapped without the attribute (SMG008).
    /// </summary>
    public static ConventionName? MatchWithoutUnderscores(string memberName)
    {
        string stripped = StripPrefix(memberName);
        return stripped.IndexOf('_') >= 0 && ByName.TryGetValue(stripped.Replace("_", string.Empty), out ConventionName? name) ? name : null;
    }

    /// <summary>The words of a member name, its <c>_</c> or <c>m_</c> prefix left out.</summary>
    public static HashSet<string> Words(string memberName) => NameWords.Split(StripPrefix(memberName));

    /// <summary>True when two names are the same convention name (a property and its backing field, say).</summary>
    public static bool SameName(string left, string right)
        => string.Equals(StripPrefix(left), StripPrefix(right), StringComparison.OrdinalIgnoreCase);

    private static ConventionName[] Names(SpanField field, params string[] names) => Names(field, null, names);

    private static ConventionName[] Names(SpanField field, ScalarKind[]? only, params string[] names)
        => [.. names.Select(n => new ConventionName(n, field, only))];

    private static string StripPrefix(string name)
    {
        if (name.StartsWith("m_", StringComparison.OrdinalIgnoreCase))
        {
            return name.Substring(2);
        }

        return name.StartsWith("_", StringComparison.Ordinal) ? name.Substring(1) : name;
    }
}
