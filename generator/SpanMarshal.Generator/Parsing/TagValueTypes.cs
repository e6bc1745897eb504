using System.Linq;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>
/// The value types a tag may have: a <c>[SpanTag]</c> member's, and the values of a Metrics
/// collection, which become the same <c>metrics</c> entries. The numbers are <see cref="MetricNumbers"/>,
/// shared with the runtime's tag bag.
/// </summary>
internal static class TagValueTypes
{
    /// <summary>What <see cref="IsMetricNumber"/> accepts, for diagnostic messages.</summary>
    public static readonly string MetricNumberNames = string.Join(", ", MetricNumbers.Types.Select(t => t.CSharpName));

    /// <summary>The accepted types of a <c>[SpanTag]</c> member, for diagnostic messages.</summary>
    public static readonly string Accepted = "string (meta); " + MetricNumberNames + " and their nullable forms (metrics)";

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

    /// <summary>A type a metric may be sent from, for <c>[SpanTag]</c> members and Metrics collections alike.</summary>
    public static bool IsMetricNumber(ITypeSymbol type) => Find(type) is not null;

    /// <summary>
    /// True when generated code converts a value of <paramref name="type"/> to <c>double</c> with a
    /// cast (<c>decimal</c>, <c>Half</c>), or for a <c>Nullable&lt;T&gt;</c>, a value of its <c>T</c>.
    /// </summary>
    public static bool NeedsCast(ITypeSymbol type)
    {
        ITypeSymbol number = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
        return Find(number) is { ConvertsImplicitly: false };
    }

    private static (string MetadataName, string CSharpName, bool ConvertsImplicitly)? Find(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { Arity: 0, ContainingType: null, ContainingNamespace.IsGlobalNamespace: false } named)
        {
            return null;
        }

        string metadataName = named.ContainingNamespace.ToDisplayString() + "." + named.MetadataName;
        foreach ((string MetadataName, string CSharpName, bool ConvertsImplicitly) number in MetricNumbers.Types)
        {
            if (number.MetadataName == metadataName)
            {
                return number;
            }
        }

        return null;
    }
}
