using Microsoft.CodeAnalysis;

namespace SpanMarshal.Generator.Parsing;

/// <summary>A field or property marked <c>[SpanTag]</c>, before its key and type are checked.</summary>
/// <param name="Symbol">The field or property.</param>
/// <param name="Type">Its declared type.</param>
/// <param name="Attribute">Its <c>[SpanTag]</c>, which holds the key.</param>
internal sealed record TaggedMember(ISymbol Symbol, ITypeSymbol Type, AttributeData Attribute)
{
    /// <summary>
    /// The key as written, before any check: messages about the member quote it even when the
    /// key itself is reported. Null for <c>[SpanTag(null)]</c> or a missing argument.
    /// </summary>
    public string? RawKey => Attribute.ConstructorArguments is { Length: 1 } arguments ? arguments[0].Value as string : null;
}
