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

        MemberReadSpec? read = MemberReadBuilder.Build(member, mapped.Field.ToString(), context);
        return read is null ? null : new MemberSpec(mapped.Field, valueKind, read, tags);
    }
}
