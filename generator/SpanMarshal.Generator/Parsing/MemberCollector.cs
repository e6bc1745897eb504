using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Diagnostics;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>
/// Finds the fields and properties of a span type and its base classes that map to span
/// fields, applying <c>[SpanIgnore]</c> (which wins over everything), <c>[SpanTag]</c> (a tag,
/// not a field), <c>[SpanField]</c> (which wins over a convention) and the conventions.
/// </summary>
internal static class MemberCollector
{
    public static CollectedMembers Collect(INamedTypeSymbol type, DiagnosticSink sink, CancellationToken cancellationToken)
    {
        var candidates = new List<MappedMember>();
        var tags = new List<TaggedMember>();
        var unmapped = new List<UnmappedMember>();
        // Each name read so far, and the member read for it: that member hides or overrides any
        // base class member of the same name.
        var readByName = new Dictionary<string, ISymbol>(StringComparer.Ordinal);
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            var levelTags = new List<TaggedMember>();
            foreach (ISymbol member in current.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                ITypeSymbol? memberType = ReadableType(member);
                readByName.TryGetValue(member.Name, out ISymbol? shadow);
                if (memberType is null || shadow is not null)
                {
                    UnreadableMembers.Check(member, memberType is null ? null : shadow, type, sink);
                    if (shadow is null && HidesByName(member))
                    {
                        // span.Name binds to this member (a static, a write-only property, a method),
                        // so a base class member of the same name cannot be read either.
                        readByName.Add(member.Name, member);
                    }

                    continue;
                }

                readByName.Add(member.Name, member);

                SpanAttributes attributes = SpanAttributes.Of(member);
                if (attributes.Ignore is not null)
                {
                    continue;
                }

                if (attributes.Tag is { } tag)
                {
                    // A tag is never also a span field, whatever its name.
                    if (attributes.Field is not null)
                    {
                        sink.Report(DiagnosticDescriptors.TagWithSpanField, member, type, member.Name);
                    }
                    else
                    {
                        levelTags.Add(new TaggedMember(member, memberType, tag));
                    }

                    continue;
                }

                if (Map(member, memberType, attributes.Field) is { } mapped)
                {
                    candidates.Add(mapped);
                }
                else if (SpanFieldTable.MatchWithoutUnderscores(member.Name) is { } likely)
                {
                    NearMisses.ReportUnderscored(member, memberType, likely, type, sink);
                }
                else if (attributes.Field is null)
                {
                    unmapped.Add(new UnmappedMember(member, memberType));
                }
            }

            // Walking from the span type down to its roots, so a base class's tags go first.
            tags.InsertRange(0, levelTags);
        }

        DropBackingFields(candidates);
        List<MappedMember> fields = Deduplicate(candidates, type, sink);
        DropTraceIdHalves(fields, type, sink);
        NearMisses.Report(unmapped, fields, type, sink);
        return new CollectedMembers(fields, tags);
    }

    /// <summary>
    /// True when <paramref name="member"/>, declared on a type, is one a marshaller of that type
    /// would send: readable, not ignored, and tagged, mapped by <c>[SpanField]</c> or named by a convention.
    /// </summary>
    public static bool IsSpanMember(ISymbol member)
    {
        if (ReadableType(member) is null)
        {
            return false;
        }

        SpanAttributes attributes = SpanAttributes.Of(member);
        return attributes.Ignore is null
            && (attributes.Tag is not null || attributes.Field is not null || SpanFieldTable.Match(member.Name) is not null);
    }

    /// <summary>
    /// <c>private string _name; public string Name => _name;</c> is one value, not two: when a
    /// property and fields of the same convention name all match, the property is read.
    /// </summary>
    private static void DropBackingFields(List<MappedMember> candidates)
    {
        foreach (MappedMember property in candidates.Where(c => !c.IsExplicit && c.Symbol is IPropertySymbol).ToList())
        {
            List<MappedMember> sameField = candidates.Where(c => !c.IsExplicit && c.Field == property.Field && !ReferenceEquals(c, property)).ToList();
            if (sameField.Count > 0 && sameField.All(c => c.Symbol is IFieldSymbol && SpanFieldTable.SameName(c.Symbol.Name, property.Symbol.Name)))
            {
                candidates.RemoveAll(sameField.Contains);
            }
        }
    }

    /// <summary>
    /// True when <paramref name="member"/> hides base class members of its name from <c>span.Name</c>.
    /// An override does not: reading it reads the property it overrides, whose getter it may inherit.
    /// </summary>
    private static bool HidesByName(ISymbol member)
        => member is { IsImplicitlyDeclared: false, CanBeReferencedByName: true }
            and not IPropertySymbol { IsOverride: true }
            and not IMethodSymbol { MethodKind: not MethodKind.Ordinary };

    private static ITypeSymbol? ReadableType(ISymbol member) => member switch
    {
        IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false, CanBeReferencedByName: true } field => field.Type,
        IPropertySymbol { IsStatic: false, IsIndexer: false, IsImplicitlyDeclared: false, GetMethod: not null, CanBeReferencedByName: true } property => property.Type,
        _ => null,
    };

    private static MappedMember? Map(ISymbol member, ITypeSymbol memberType, AttributeData? spanField)
    {
        if (spanField is { ConstructorArguments.Length: 1 }
            && spanField.ConstructorArguments[0].Value is int value
            && Enum.IsDefined(typeof(SpanField), value))
        {
            return new MappedMember(member, memberType, (SpanField)value, Convention: null);
        }

        return SpanFieldTable.Match(member.Name) is { } convention
            ? new MappedMember(member, memberType, convention.Field, convention)
            : null;
    }

    /// <summary>
    /// A <c>UInt128</c> trace id already holds both halves, and any whole trace id holds the low one:
    /// a member for such a half is reported and dropped, while its symbol is still at hand.
    /// </summary>
    private static void DropTraceIdHalves(List<MappedMember> fields, INamedTypeSymbol spanType, DiagnosticSink sink)
    {
        MappedMember? whole = fields.Find(m => m.Field == SpanField.TraceId);
        if (whole is null)
        {
            return;
        }

        bool is128 = whole.Rule.ClassifyScalar(whole.Type, whole.Convention) == ScalarKind.TraceId128;
        foreach (MappedMember half in fields.Where(m => m.Field == SpanField.TraceIdLow || (m.Field == SpanField.TraceIdHigh && is128)).ToList())
        {
            sink.Report(DiagnosticDescriptors.DuplicateMapping, half.Symbol, spanType, half.Symbol.Name, half.Field.ToString(), whole.Symbol.Name);
            fields.Remove(half);
        }
    }

    private static List<MappedMember> Deduplicate(List<MappedMember> candidates, INamedTypeSymbol spanType, DiagnosticSink sink)
    {
        var chosen = new Dictionary<SpanField, MappedMember>();
        var result = new List<MappedMember>();

        // Explicit mappings first, so one always wins over a convention match for the same field.
        foreach (bool explicitPass in new[] { true, false })
        {
            foreach (MappedMember candidate in candidates)
            {
                if (candidate.IsExplicit != explicitPass)
                {
                    continue;
                }

                if (!chosen.TryGetValue(candidate.Field, out MappedMember? existing))
                {
                    chosen.Add(candidate.Field, candidate);
                    result.Add(candidate);
                }
                else if (existing.IsExplicit == candidate.IsExplicit)
                {
                    sink.Report(DiagnosticDescriptors.DuplicateMapping, candidate.Symbol, spanType, candidate.Symbol.Name, candidate.Field.ToString(), existing.Symbol.Name);
                }
            }
        }

        result.Sort((a, b) => a.Field.CompareTo(b.Field));
        return result;
    }
}
