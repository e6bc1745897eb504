using Microsoft.CodeAnalysis;

namespace SpanMarshal.Generator.Parsing;

/// <summary>A readable member that nothing maps: no attribute, no convention name.</summary>
/// <param name="Symbol">The field or property.</param>
/// <param name="Type">Its declared type.</param>
internal sealed record UnmappedMember(ISymbol Symbol, ITypeSymbol Type);
