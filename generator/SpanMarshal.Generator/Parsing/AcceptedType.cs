using System;
using Microsoft.CodeAnalysis;

namespace SpanMarshal.Generator.Parsing;

/// <summary>A member type (or pair value type) that a span field reads, how it converts, and how messages spell it.</summary>
/// <typeparam name="TKind">How the value converts: a scalar kind, or a collection kind.</typeparam>
internal sealed class AcceptedType<TKind>
    where TKind : struct
{
    private readonly Func<ITypeSymbol, bool> _matches;

    public AcceptedType(string display, Func<ITypeSymbol, bool> matches, TKind kind)
    {
        Display = display;
        _matches = matches;
        Kind = kind;
    }

    /// <summary>The type as diagnostic messages name it, with its unit where it has one.</summary>
    public string Display { get; }

    public TKind Kind { get; }

    public bool Matches(ITypeSymbol type) => _matches(type);
}
