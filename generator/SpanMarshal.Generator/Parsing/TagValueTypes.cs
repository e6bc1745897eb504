using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>
/// The one definition of the value types a tag may have: a <c>[SpanTag]</c> member's, and the
/// values of a Metrics collection, which become the same <c>metrics</c> entries.
/// </summary>
internal static class TagValueTypes
{
    /// <summary>What <see cref="IsMetricNumber"/> accepts, for diagnostic messages.</summary>
    public const string MetricNumbers = "double, float, long, int";

    /// <summary>The accepted types of a <c>[SpanTag]</c> member, for diagnostic messages.</summary>
    public const string Accepted = "string (meta); " + MetricNumbers + " and their nullable forms (metrics)";

    /// <summary>How a <c>[SpanTag]</c> member of <paramref name="type"/> is sent, or null when the type is not accepted.</summary>
    public static TagValueKind? Classify(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String)
        {
            return TagValueKind.String;
        }

        if (IsMetricNumber(type))
        {
            return TagValueKind.Number;
        }

        return type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            && IsMetricNumber(nullable.TypeArguments[0])
            ? TagValueKind.NullableNumber
            : null;
    }

    /// <summary>
    /// A type a metric may be sent from, for <c>[SpanTag]</c> members and Metrics collections
    /// alike: each converts implicitly to <c>double</c>, the metric's wire type.
    /// </summary>
    public static bool IsMetricNumber(ITypeSymbol type)
        => type.SpecialType is SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int64 or SpecialType.System_Int32;
}
