using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>A field or property chosen for a span field, before its type is checked.</summary>
/// <param name="Symbol">The field or property.</param>
/// <param name="Type">Its declared type.</param>
/// <param name="Field">The span field it maps to.</param>
/// <param name="IsExplicit">True when mapped by <c>[SpanField]</c> rather than by convention.</param>
internal sealed record MappedMember(ISymbol Symbol, ITypeSymbol Type, SpanFieldKind Field, bool IsExplicit);
