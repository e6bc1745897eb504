using Microsoft.CodeAnalysis;

namespace SpanMarshal.Generator.Parsing;

/// <summary>Recognises BCL types by name, for types that have no <see cref="SpecialType"/>.</summary>
internal static class KnownTypes
{
    /// <summary>A non-generic type of the <c>System</c> namespace, such as <c>TimeSpan</c>.</summary>
    public static bool IsSystemType(ITypeSymbol type, string name)
        => type is INamedTypeSymbol { Arity: 0, ContainingType: null } named
            && named.Name == name
            && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };

    /// <summary>A generic type of namespace <paramref name="ns"/>, optionally with a first type argument of <paramref name="argument"/>.</summary>
    public static bool IsGeneric(ITypeSymbol type, string ns, string name, SpecialType? argument = null)
        => type is INamedTypeSymbol { Arity: > 0, ContainingType: null } named
            && named.Name == name
            && named.ContainingNamespace.ToDisplayString() == ns
            && (argument is null || named.TypeArguments[0].SpecialType == argument);

    public static bool IsByteArray(ITypeSymbol type)
        => type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte };
}
