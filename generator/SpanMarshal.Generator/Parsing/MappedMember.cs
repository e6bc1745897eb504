using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>A field or property chosen for a span field, before its type is checked.</summary>
/// <param name="Symbol">The field or property.</param>
/// <param name="Type">Its declared type.</param>
/// <param name="Field">The span field it maps to.</param>
/// <param name="Convention">The convention name it matched, or null when mapped by <c>[SpanField]</c>.</param>
internal sealed record MappedMember(ISymbol Symbol, ITypeSymbol Type, SpanField Field, ConventionName? Convention)
{
    /// <summary>True when mapped by <c>[SpanField]</c> rather than by convention.</summary>
    public bool IsExplicit => Convention is null;

    public FieldRule Rule => SpanFieldTable.For(Field);
}
