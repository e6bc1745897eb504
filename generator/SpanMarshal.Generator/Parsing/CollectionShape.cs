using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>What a Meta or Metrics member enumerates, and how generated code enumerates it.</summary>
internal static class CollectionShape
{
    /// <summary>
    /// The <c>KeyValuePair&lt;K, V&gt;</c> that <paramref name="type"/> enumerates, preferring one
    /// keyed by string; null when it enumerates no pairs at all.
    /// </summary>
    public static INamedTypeSymbol? FindPairType(ITypeSymbol type)
    {
        INamedTypeSymbol? found = null;
        foreach (INamedTypeSymbol candidate in EnumerableInterfaces(type))
        {
            if (candidate.TypeArguments[0] is INamedTypeSymbol pair && KnownTypes.IsGeneric(pair, "System.Collections.Generic", "KeyValuePair"))
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

    private static IEnumerable<INamedTypeSymbol> EnumerableInterfaces(ITypeSymbol type)
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
}
