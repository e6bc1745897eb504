using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Diagnostics;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>
/// Decides how generated code reaches a member (directly, or through an <c>UnsafeAccessor</c>),
/// for span-field members and <c>[SpanTag]</c> members alike.
/// </summary>
internal static class MemberReadBuilder
{
    /// <summary>The read, or null (reported) when generated code cannot reach the member.</summary>
    /// <param name="member">The field or property.</param>
    /// <param name="role">What it feeds; names its accessor.</param>
    /// <param name="context">The span type and compilation.</param>
    public static MemberReadSpec? Build(ISymbol member, string role, MemberContext context)
    {
        INamedTypeSymbol spanType = context.SpanType;
        MemberAccessKind? access = Access(member, context);
        GenericAccessorOwner? owner = null;
        if (access is not MemberAccessKind.Direct && member.ContainingType.IsGenericType)
        {
            owner = GenericConstraints.OwnerFor(member.ContainingType, context.Compilation);
            access = owner is null ? null : access;
        }

        if (access is null)
        {
            // Nesting the marshaller in the span type helps with the type's own members, not a base class's.
            bool partialWouldHelp = SymbolEqualityComparer.Default.Equals(member.ContainingType, spanType);
            context.Sink.Report(
                DiagnosticDescriptors.UnreachableMember,
                partialWouldHelp ? DiagnosticProperties.MakePartialOnly : ImmutableDictionary<string, string?>.Empty,
                member,
                spanType,
                member.Name,
                spanType.Name);
            return null;
        }

        // A generic owner's accessors are declared against the open type, so they use its type parameters.
        ISymbol declared = owner is null ? member : member.OriginalDefinition;
        return new MemberReadSpec(
            role,
            TypeShape.Identifier(member.Name),
            member.Name,
            access.Value,
            SpanTypeParser.Format(declared.ContainingType),
            SpanTypeParser.Format(declared is IFieldSymbol field ? field.Type : ((IPropertySymbol)declared).Type),
            owner);
    }

    private static MemberAccessKind? Access(ISymbol member, MemberContext context)
    {
        ISymbol readable = member is IPropertySymbol { GetMethod: { } getter } ? getter : member;
        if (context.CanReadDirectly(readable))
        {
            return MemberAccessKind.Direct;
        }

        if (!context.HasUnsafeAccessor)
        {
            return null;
        }

        return member is IPropertySymbol ? MemberAccessKind.GetterAccessor : MemberAccessKind.FieldAccessor;
    }
}
