using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Diagnostics;

namespace SpanMarshal.Generator.Parsing;

/// <summary>
/// Reports a <c>[SpanTag]</c> or <c>[SpanField]</c> on a member the collector skips (SMG015).
/// The attribute asks for the member to be sent; without this it would vanish from the span
/// with no word to the user.
/// </summary>
internal static class UnreadableMembers
{
    /// <param name="member">A member the collector skips.</param>
    /// <param name="shadow">The more derived readable member of the same name, if any.</param>
    /// <param name="spanType">Where to report when the member has no source location.</param>
    /// <param name="sink">Receives the diagnostic.</param>
    public static void Check(ISymbol member, ISymbol? shadow, INamedTypeSymbol spanType, DiagnosticSink sink)
    {
        if (member is not (IFieldSymbol or IPropertySymbol))
        {
            return;
        }

        // [SpanIgnore] asks for nothing, so there is nothing to lose.
        SpanAttributes declared = SpanAttributes.DeclaredOn(member);
        string? attribute = declared.Ignore is not null ? null
            : declared.Tag is not null ? "[SpanTag]"
            : declared.Field is not null ? "[SpanField]"
            : null;
        if (attribute is not null && Reason(member, shadow) is { } reason)
        {
            sink.Report(DiagnosticDescriptors.UnreadableMarkedMember, member, spanType, member.Name, attribute, reason);
        }
    }

    /// <summary>Why generated code does not read the member, or null when it is read after all.</summary>
    private static string? Reason(ISymbol member, ISymbol? shadow) => member switch
    {
        { IsStatic: true } => "it is static, and a span is marshalled from an instance",
        IPropertySymbol { IsIndexer: true } => "it is an indexer, which needs an argument to be read",
        IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 } => "it is an explicit interface implementation, which has no name to read it by",
        IFieldSymbol { AssociatedSymbol: IPropertySymbol property } => $"it is the compiler-generated backing field of property '{property.Name}'; mark the property instead",
        IPropertySymbol { GetMethod: null } property when HasInheritedGetter(property) => "it overrides only the set accessor; mark the property that declares the get accessor",
        IPropertySymbol { GetMethod: null } => "it is write-only",
        _ when shadow is not null && !Overrides(shadow, member) => $"it is hidden by '{shadow.ContainingType.Name}.{shadow.Name}', a member of the same name in a derived class",
        _ => null,
    };

    private static bool HasInheritedGetter(IPropertySymbol property)
    {
        for (IPropertySymbol? current = property.OverriddenProperty; current is not null; current = current.OverriddenProperty)
        {
            if (current.GetMethod is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An override is read in place of the property it overrides, and inherits its attributes.</summary>
    private static bool Overrides(ISymbol shadow, ISymbol member)
    {
        for (IPropertySymbol? current = (shadow as IPropertySymbol)?.OverriddenProperty; current is not null; current = current.OverriddenProperty)
        {
            if (SymbolEqualityComparer.Default.Equals(current, member))
            {
                return true;
            }
        }

        return false;
    }
}
