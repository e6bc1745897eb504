using System.Linq;
using Microsoft.CodeAnalysis;

namespace SpanMarshal.Generator.Parsing;

/// <summary>
/// The SpanMarshal attributes on one member. All of them are <c>Inherited = true</c>, so an
/// override without attributes keeps those of the property it overrides, as reflection would.
/// </summary>
internal sealed class SpanAttributes
{
    private SpanAttributes()
    {
    }

    public AttributeData? Ignore { get; private set; }

    public AttributeData? Field { get; private set; }

    public AttributeData? Tag { get; private set; }

    public static SpanAttributes Of(ISymbol member)
    {
        var found = new SpanAttributes();
        for (ISymbol? current = member; current is not null; current = (current as IPropertySymbol)?.OverriddenProperty)
        {
            found.Add(current);
        }

        return found;
    }

    /// <summary>
    /// Only the attributes written on <paramref name="member"/> itself: an override inherits
    /// them, so a problem with them is reported once, where they are written.
    /// </summary>
    public static SpanAttributes DeclaredOn(ISymbol member)
    {
        var found = new SpanAttributes();
        found.Add(member);
        return found;
    }

    /// <summary>True when <paramref name="type"/> itself carries <c>[GenerateTraceMarshaller]</c> (which is not inherited).</summary>
    public static bool IsMarked(INamedTypeSymbol type, INamedTypeSymbol generateAttribute)
        => type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, generateAttribute));

    private void Add(ISymbol declaration)
    {
        foreach (AttributeData attribute in declaration.GetAttributes())
        {
            // The most derived declaration wins, as with AllowMultiple = false in reflection.
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case KnownNames.SpanIgnoreAttribute:
                    Ignore ??= attribute;
                    break;
                case KnownNames.SpanFieldAttribute:
                    Field ??= attribute;
                    break;
                case KnownNames.SpanTagAttribute:
                    Tag ??= attribute;
                    break;
            }
        }
    }
}
