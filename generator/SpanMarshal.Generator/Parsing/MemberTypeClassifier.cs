using System.Linq;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>Decides whether a member's declared type is accepted for a span field, and how to read it.</summary>
internal static class MemberTypeClassifier
{
    /// <summary>The value kind for scalar fields, or null when the type is not accepted.</summary>
    public static ValueKind? ClassifyScalar(SpanFieldKind field, ITypeSymbol type)
    {
        switch (field)
        {
            case SpanFieldKind.Name or SpanFieldKind.Service or SpanFieldKind.Resource or SpanFieldKind.Type:
                if (type.SpecialType == SpecialType.System_String)
                {
                    return ValueKind.String;
                }

                if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
                {
                    return ValueKind.Utf8Array;
                }

                return IsSystemGeneric(type, "ReadOnlyMemory", SpecialType.System_Byte) ? ValueKind.Utf8Memory : null;
            case SpanFieldKind.TraceId:
                return IsSystemType(type, "UInt128") ? ValueKind.UInt128 : ClassifyId(type);
            case SpanFieldKind.TraceIdHigh or SpanFieldKind.TraceIdLow or SpanFieldKind.SpanId or SpanFieldKind.ParentId:
                return ClassifyId(type);
            case SpanFieldKind.Start:
                return type.SpecialType switch
                {
                    SpecialType.System_Int64 => ValueKind.Int64,
                    SpecialType.System_DateTime => ValueKind.DateTime,
                    _ => IsSystemType(type, "DateTimeOffset") ? ValueKind.DateTimeOffset : null,
                };
            case SpanFieldKind.Duration:
                return type.SpecialType switch
                {
                    SpecialType.System_Int64 => ValueKind.Int64,
                    SpecialType.System_Double => ValueKind.DoubleSeconds,
                    _ => IsSystemType(type, "TimeSpan") ? ValueKind.TimeSpan : null,
                };
            case SpanFieldKind.Error:
                return type.SpecialType switch
                {
                    SpecialType.System_Boolean => ValueKind.Boolean,
                    SpecialType.System_Int32 => ValueKind.Int32,
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>
    /// The <c>KeyValuePair&lt;K, V&gt;</c> that <paramref name="type"/> enumerates, preferring one
    /// keyed by string; null when it enumerates no pairs at all.
    /// </summary>
    public static INamedTypeSymbol? FindPairType(ITypeSymbol type)
    {
        INamedTypeSymbol? found = null;
        foreach (INamedTypeSymbol candidate in EnumerableInterfaces(type))
        {
            if (candidate.TypeArguments[0] is INamedTypeSymbol pair && IsSystemGeneric(pair, "KeyValuePair", null, "System.Collections.Generic"))
            {
                if (pair.TypeArguments[0].SpecialType == SpecialType.System_String)
                {
                    return pair;
                }

                found ??= pair;
            }
        }

        return found;
    }

    /// <summary>The tag value kind for a pair type, or null when its key or value type is wrong for the field.</summary>
    public static ValueKind? ClassifyPair(SpanFieldKind field, INamedTypeSymbol pair)
    {
        if (pair.TypeArguments[0].SpecialType != SpecialType.System_String)
        {
            return null;
        }

        SpecialType value = pair.TypeArguments[1].SpecialType;
        return field switch
        {
            SpanFieldKind.Meta when value == SpecialType.System_String => ValueKind.StringTags,
            SpanFieldKind.Meta when value == SpecialType.System_Object => ValueKind.TagBag,
            SpanFieldKind.Metrics when TagValueTypes.IsMetricNumber(pair.TypeArguments[1]) => ValueKind.NumericTags,
            _ => null,
        };
    }

    /// <summary>Chooses how to enumerate a collection of <paramref name="pair"/> without boxing where possible.</summary>
    public static EnumerationKind ChooseEnumeration(ITypeSymbol type, INamedTypeSymbol pair)
    {
        if (type.TypeKind == TypeKind.Interface)
        {
            return EnumerationKind.InterfaceWithDictionaryTest;
        }

        if (type is IArrayTypeSymbol)
        {
            return EnumerationKind.Pattern;
        }

        // foreach binds to a public GetEnumerator() before any interface; use it only if it yields the pair itself.
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            IMethodSymbol? getEnumerator = current.GetMembers("GetEnumerator").OfType<IMethodSymbol>()
                .FirstOrDefault(m => m is { Parameters.Length: 0, IsStatic: false, DeclaredAccessibility: Accessibility.Public, TypeParameters.Length: 0 });
            if (getEnumerator is not null)
            {
                ITypeSymbol? yielded = getEnumerator.ReturnType.GetMembers("Current").OfType<IPropertySymbol>().FirstOrDefault()?.Type;
                return SymbolEqualityComparer.Default.Equals(yielded, pair) ? EnumerationKind.Pattern : EnumerationKind.Interface;
            }
        }

        return EnumerationKind.Interface;
    }

    private static ValueKind? ClassifyId(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_UInt64 => ValueKind.UInt64,
        SpecialType.System_Int64 => ValueKind.Int64,
        _ => null,
    };

    private static System.Collections.Generic.IEnumerable<INamedTypeSymbol> EnumerableInterfaces(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol named && IsEnumerableOfT(named))
        {
            yield return named;
        }

        foreach (INamedTypeSymbol candidate in type.AllInterfaces)
        {
            if (IsEnumerableOfT(candidate))
            {
                yield return candidate;
            }
        }
    }

    private static bool IsEnumerableOfT(INamedTypeSymbol type)
        => type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;

    private static bool IsSystemType(ITypeSymbol type, string name)
        => type is INamedTypeSymbol { Arity: 0 } named && named.Name == name && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };

    private static bool IsSystemGeneric(ITypeSymbol type, string name, SpecialType? argument, string ns = "System")
        => type is INamedTypeSymbol { Arity: > 0 } named
            && named.Name == name
            && named.ContainingNamespace.ToDisplayString() == ns
            && (argument is null || named.TypeArguments[0].SpecialType == argument);
}
