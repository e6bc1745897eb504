using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Diagnostics;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>Checks <c>[SpanTag]</c> members' keys and types and builds their <see cref="TagMemberSpec"/>s.</summary>
internal static class TagMemberBuilder
{
    /// <summary>Names tag accessors (<c>ReadTag_x</c>) apart from span fields' (<c>ReadName_x</c>).</summary>
    private const string Role = "Tag";

    public static List<TagMemberSpec> Build(List<TaggedMember> tagged, MemberContext context)
    {
        var result = new List<TagMemberSpec>();
        var owners = new Dictionary<string, ISymbol>(StringComparer.Ordinal);
        foreach (TaggedMember member in tagged)
        {
            string? key = Key(member, context);
            if (key is not null && owners.TryGetValue(key, out ISymbol? first))
            {
                context.Sink.ReportOnArgument(DiagnosticDescriptors.DuplicateTagKey, member.Attribute, member.Symbol, context.SpanType, member.Symbol.Name, key, first.Name);
                key = null;
            }
            else if (key is not null)
            {
                owners.Add(key, member.Symbol);
            }

            TagValueKind? kind = Kind(member, context);
            if (key is null || kind is null)
            {
                continue;
            }

            if (MemberReadBuilder.Build(member.Symbol, Role, context) is { } read)
            {
                result.Add(new TagMemberSpec(key, kind.Value, read, kind != TagValueKind.String && TagValueTypes.NeedsCast(member.Type)));
            }
        }

        return result;
    }

    /// <summary>The key, or null when it is missing (the compiler reports that) or reported as invalid.</summary>
    private static string? Key(TaggedMember member, MemberContext context)
    {
        AttributeData attribute = member.Attribute;
        if (attribute.AttributeConstructor is null
            || attribute.ConstructorArguments.Length != 1
            || attribute.ConstructorArguments[0].Kind == TypedConstantKind.Error)
        {
            // [SpanTag(] or [SpanTag(123)]: the compiler's error is the one to fix.
            context.Sink.MarkError();
            return null;
        }

        string? key = member.RawKey;
        if (TagKeys.IsBlank(key))
        {
            context.Sink.ReportOnArgument(DiagnosticDescriptors.EmptyTagKey, attribute, member.Symbol, context.SpanType, member.Symbol.Name);
            return null;
        }

        int lone = TagKeys.LoneSurrogateIndex(key!);
        if (lone >= 0)
        {
            context.Sink.ReportOnArgument(
                DiagnosticDescriptors.TagKeyNotUtf8,
                attribute,
                member.Symbol,
                context.SpanType,
                member.Symbol.Name,
                ((int)key![lone]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture),
                lone);
            return null;
        }

        return key;
    }

    private static TagValueKind? Kind(TaggedMember member, MemberContext context)
    {
        if (member.Type.TypeKind == TypeKind.Error)
        {
            // The compiler already reports the unknown type; adding ours would only be noise.
            context.Sink.MarkError();
            return null;
        }

        TagValueKind? kind = TagValueTypes.Classify(member.Type);
        if (kind is null)
        {
            context.Sink.Report(
                DiagnosticDescriptors.UnsupportedTagType,
                member.Symbol,
                context.SpanType,
                member.Symbol.Name,
                member.Type.ToDisplayString(),
                member.RawKey ?? "null",
                TagValueTypes.Accepted);
        }

        return kind;
    }
}
