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

                if (TryMap(member, attributes.Field, type, sink, out SpanFieldKind field, out bool isExplicit))
                {
                    candidates.Add(new MappedMember(member, memberType, field, isExplicit));
                }
            }

            // Walking from the span type down to its roots, so a base class's tags go first.
            tags.InsertRange(0, levelTags);
        }

        DropBackingFields(candidates);
        return new CollectedMembers(Deduplicate(candidates, type, sink), tags);
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
            if (sameField.Count > 0 && sameField.All(c => c.Symbol is IFieldSymbol && SpanFieldConventions.SameName(c.Symbol.Name, property.Symbol.Name)))
            {
                candidates.RemoveAll(sameField.Contains);
            }
        }
    }

    private static ITypeSymbol? ReadableType(ISymbol member) => member switch
    {
        IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false, CanBeReferencedByName: true } field => field.Type,
        IPropertySymbol { IsStatic: false, IsIndexer: false, IsImplicitlyDeclared: false, GetMethod: not null, CanBeReferencedByName: true } property => property.Type,
        _ => null,
    };

    private static bool TryMap(ISymbol member, AttributeData? spanField, INamedTypeSymbol spanType, DiagnosticSink sink, out SpanFieldKind field, out bool isExplicit)
    {
        isExplicit = false;
        if (spanField is { ConstructorArguments.Length: 1 }
            && spanField.ConstructorArguments[0].Value is int value
            && Enum.IsDefined(typeof(SpanFieldKind), value))
        {
            field = (SpanFieldKind)value;
            isExplicit = true;
            return true;
        }

        if (SpanFieldConventions.TryMatch(member.Name, out field))
        {
            return true;
        }

        if (SpanFieldConventions.TryMatchAmbiguously(member.Name, out SpanFieldKind likely))
        {
            sink.Report(DiagnosticDescriptors.AmbiguousConventionName, member, spanType, member.Name, likely.ToString());
        }

        return false;
    }

    private static List<MappedMember> Deduplicate(List<MappedMember> candidates, INamedTypeSymbol spanType, DiagnosticSink sink)
    {
        var chosen = new Dictionary<SpanFieldKind, MappedMember>();
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
