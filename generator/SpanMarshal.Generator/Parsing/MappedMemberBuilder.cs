using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Diagnostics;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>Checks one mapped member's type and reachability and builds its spec.</summary>
internal static class MappedMemberBuilder
{
    /// <summary>A scalar field's member, or null when it is reported (or the compiler reports its type).</summary>
    public static FieldMemberSpec? BuildField(MappedMember mapped, MemberContext context)
    {
        if (IsErrorType(mapped, context))
        {
            return null;
        }

        if (mapped.Rule.ClassifyScalar(mapped.Type, mapped.Convention) is not { } kind)
        {
            ReportUnsupported(mapped, context);
            return null;
        }

        if (kind is ScalarKind.Utf8Array or ScalarKind.Utf8Memory && !context.AllowsUnsafe)
        {
            context.Sink.Report(DiagnosticDescriptors.UnsafeBlocksRequired, mapped.Symbol, context.SpanType, mapped.Symbol.Name);
            return null;
        }

        MemberReadSpec? read = MemberReadBuilder.Build(mapped.Symbol, mapped.Field.ToString(), context);
        return read is null ? null : new FieldMemberSpec(mapped.Field, kind, read);
    }

    /// <summary>A Meta or Metrics member, or null when it is reported (or the compiler reports its type).</summary>
    public static TagCollectionSpec? BuildCollection(MappedMember mapped, MemberContext context)
    {
        if (IsErrorType(mapped, context))
        {
            return null;
        }

        INamedTypeSymbol? pair = CollectionShape.FindPairType(mapped.Type);
        if (pair is null)
        {
            ReportUnsupported(mapped, context);
            return null;
        }

        ITypeSymbol key = pair.TypeArguments[0];
        ITypeSymbol value = pair.TypeArguments[1];
        if (key.SpecialType != SpecialType.System_String || mapped.Rule.ClassifyPairValue(value) is not { } kind)
        {
            context.Sink.Report(
                DiagnosticDescriptors.InvalidTagCollection,
                mapped.Symbol,
                context.SpanType,
                mapped.Symbol.Name,
                mapped.Type.ToDisplayString(),
                key.ToDisplayString(),
                value.ToDisplayString(),
                mapped.Field.ToString(),
                mapped.Rule.AcceptedTypes());
            return null;
        }

        MemberReadSpec? read = MemberReadBuilder.Build(mapped.Symbol, mapped.Field.ToString(), context);
        return read is null
            ? null
            : new TagCollectionSpec(
                mapped.Field,
                kind,
                CollectionShape.ChooseEnumeration(mapped.Type, pair),
                SpanTypeParser.Format(value),
                mapped.Type.IsValueType,
                read,
                kind == CollectionKind.NumericTags && TagValueTypes.NeedsCast(value));
    }

    private static bool IsErrorType(MappedMember mapped, MemberContext context)
    {
        if (mapped.Type.TypeKind != TypeKind.Error)
        {
            return false;
        }

        // The compiler already reports the unknown type; adding ours would only be noise.
        context.Sink.MarkError();
        return true;
    }

    private static void ReportUnsupported(MappedMember mapped, MemberContext context)
        => context.Sink.Report(
            DiagnosticDescriptors.UnsupportedMemberType,
            mapped.Symbol,
            context.SpanType,
            mapped.Symbol.Name,
            mapped.Type.ToDisplayString(),
            mapped.Field.ToString(),
            mapped.Rule.AcceptedTypes(mapped.Convention));
}
