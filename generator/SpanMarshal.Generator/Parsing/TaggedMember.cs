using Microsoft.CodeAnalysis;

namespace SpanMarshal.Generator.Parsing;

/// <summary>A field or property marked <c>[SpanTag]</c>, before its key and type are checked.</summary>
/// <param name="Symbol">The field or property.</param>
/// <param name="Type">Its declared type.</param>
/// <param name="Attribute">Its <c>[SpanTag]</c>, which holds the key.</param>
internal sealed record TaggedMember(ISymbol Symbol, ITypeSymbol Type, AttributeData Attribute);
