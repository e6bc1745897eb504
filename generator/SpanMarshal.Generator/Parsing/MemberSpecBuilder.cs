using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Diagnostics;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>Checks one mapped member's type and reachability and builds its <see cref="MemberSpec"/>.</summary>
internal static class MemberSpecBuilder
{
    public static MemberSpec? Build(MappedMember mapped, MemberContext context)
    {
        ISymbol member = mapped.Symbol;
        INamedTypeSymbol spanType = context.SpanType;
        if (mapped.Type.TypeKind == TypeKind.Error)
        {
            // The compiler already reports the unknown type; adding ours would only be noise.
            context.Sink.MarkError();
            return null;
        }

        TagCollectionSpec? tags = null;
        ValueKind? kind;
        if (mapped.Field is SpanFieldKind.Meta or SpanFieldKind.Metrics)
        {
            INamedTypeSymbol? pair = MemberTypeClassifier.FindPairType(mapped.Type);
            kind = pair is null ? null : MemberTypeClassifier.ClassifyPair(mapped.Field, pair);
            if (pair is not null && kind is null)
            {
                context.Sink.Report(
                    DiagnosticDescriptors.InvalidTagCollection,
                    member,
                    spanType,
                    member.Name,
                    mapped.Type.ToDisplayString(),
                    pair.TypeArguments[0].ToDisplayString(),
                    pair.TypeArguments[1].ToDisplayString(),
                    mapped.Field.ToString(),
                    SpanFieldConventions.AcceptedTypes(mapped.Field));
                return null;
            }

            if (pair is not null)
            {
                tags = new TagCollectionSpec(
                    MemberTypeClassifier.ChooseEnumeration(mapped.Type, pair),
                    SpanTypeParser.Format(pair.TypeArguments[1]),
                    mapped.Type.IsValueType);
            }
        }
        else
        {
            kind = MemberTypeClassifier.ClassifyScalar(mapped.Field, mapped.Type);
        }

        if (kind is not { } valueKind)
        {
            context.Sink.Report(
                DiagnosticDescriptors.UnsupportedMemberType,
                member,
                spanType,
                member.Name,
                mapped.Type.ToDisplayString(),
                mapped.Field.ToString(),
                SpanFieldConventions.AcceptedTypes(mapped.Field));
            return null;
        }

        if (valueKind is ValueKind.Utf8Array or ValueKind.Utf8Memory && !context.AllowsUnsafe)
        {
            context.Sink.Report(DiagnosticDescriptors.UnsafeBlocksRequired, member, spanType, member.Name);
            return null;
        }

        MemberAccessKind? access = Access(member, context);
        GenericAccessorOwner? owner = null;
        if (access is not MemberAccessKind.Direct && member.ContainingType.IsGenericType)
        {
            owner = GenericConstraints.OwnerFor(member.ContainingType, context.Compilation);
            access = owner is null ? null : access;
        }

        if (access is null)
        {
            bool partialWouldHelp = SymbolEqualityComparer.Default.Equals(member.ContainingType, spanType);
            context.Sink.Report(DiagnosticDescriptors.UnreachableMember, member, spanType, partialWouldHelp, member.Name, spanType.Name);
            return null;
        }

        // A generic owner's accessors are declared against the open type, so they use its type parameters.
        ISymbol declared = owner is null ? member : member.OriginalDefinition;
        return new MemberSpec(
            mapped.Field,
            valueKind,
            TypeShape.Identifier(member.Name),
            member.Name,
            access.Value,
            SpanTypeParser.Format(declared.ContainingType),
            SpanTypeParser.Format(declared is IFieldSymbol field ? field.Type : ((IPropertySymbol)declared).Type),
            tags,
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
