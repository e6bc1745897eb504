using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SpanMarshal.Generator.Diagnostics;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>
/// Turns a <c>[GenerateTraceMarshaller]</c> type into a <see cref="SpanTypeSpec"/>. The generator
/// and the analyzers both run it, so what is generated and what is reported never disagree.
/// </summary>
internal static class SpanTypeParser
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>The model, or null when an error makes the type unmarshallable.</summary>
    public static SpanTypeSpec? Parse(INamedTypeSymbol type, Compilation compilation, List<Diagnostic>? diagnostics, CancellationToken cancellationToken)
    {
        var sink = new DiagnosticSink(diagnostics);
        if (TypeShape.UnsupportedReason(type) is { } reason)
        {
            sink.Report(DiagnosticDescriptors.UnsupportedTypeKind, type, type, type.Name, reason);
            return null;
        }

        List<INamedTypeSymbol> chain = TypeShape.ContainingTypesAndSelf(type);
        bool emitIntoType = chain.All(t => TypeShape.IsPartial(t, cancellationToken));
        if (!emitIntoType && TypeShape.IsPartial(type, cancellationToken))
        {
            INamedTypeSymbol notPartial = chain.First(t => !TypeShape.IsPartial(t, cancellationToken));
            sink.Report(DiagnosticDescriptors.ContainingTypeNotPartial, type, type, canMakePartial: true, type.Name, notPartial.Name);
        }

        var context = new MemberContext(type, compilation, emitIntoType, sink);
        var members = new List<MemberSpec>();
        CollectedMembers collected = MemberCollector.Collect(type, sink, cancellationToken);
        List<MappedMember> mappedMembers = collected.Fields;
        foreach (MappedMember mapped in mappedMembers)
        {
            if (MemberSpecBuilder.Build(mapped, context) is { } member)
            {
                members.Add(member);
            }
        }

        List<TagMemberSpec> tagMembers = TagMemberBuilder.Build(collected.Tags, context);
        CheckTraceIdConflicts(members, type, sink);
        // A name member that failed its own check has been reported already.
        if (!mappedMembers.Any(m => m.Field == SpanFieldKind.Name))
        {
            sink.Report(DiagnosticDescriptors.MissingName, type, type, type.Name);
        }

        if (sink.HasErrors)
        {
            return null;
        }

        string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();
        string nestedName = string.Join(".", chain.Select(t => t.Name));
        return new SpanTypeSpec(
            ns,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            emitIntoType ? type.Name + "TraceMarshaller" : string.Join("_", chain.Select(t => t.Name)) + "TraceMarshaller",
            (ns is null ? nestedName : ns + "." + nestedName) + ".TraceMarshaller.g.cs",
            new EquatableArray<ContainingTypeSpec>(emitIntoType
                ? chain.Select(t => new ContainingTypeSpec(TypeShape.Keyword(t), TypeShape.Identifier(t.Name)))
                : Enumerable.Empty<ContainingTypeSpec>()),
            new EquatableArray<MemberSpec>(members),
            new EquatableArray<TagMemberSpec>(tagMembers));
    }

    /// <summary>Formats a type for generated code: fully qualified, keeping nullable annotations.</summary>
    public static string Format(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    private static void CheckTraceIdConflicts(List<MemberSpec> members, INamedTypeSymbol type, DiagnosticSink sink)
    {
        MemberSpec? whole = members.FirstOrDefault(m => m.Field == SpanFieldKind.TraceId);
        if (whole is null)
        {
            return;
        }

        foreach (MemberSpec half in members.Where(m => m.Field == SpanFieldKind.TraceIdLow
            || (m.Field == SpanFieldKind.TraceIdHigh && whole.Kind == ValueKind.UInt128)).ToList())
        {
            ISymbol at = FindMember(type, half.Read.MetadataName) ?? type;
            sink.Report(DiagnosticDescriptors.DuplicateMapping, at, type, half.Read.MetadataName, half.Field.ToString(), whole.Read.MetadataName);
            members.Remove(half);
        }
    }

    private static ISymbol? FindMember(INamedTypeSymbol type, string name)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers(name).FirstOrDefault() is { } member)
            {
                return member;
            }
        }

        return null;
    }
}
