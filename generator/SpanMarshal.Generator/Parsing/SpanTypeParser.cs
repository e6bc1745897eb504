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

        if (LanguageVersionOf(type) is { } version && version < LanguageVersion.CSharp11)
        {
            sink.Report(DiagnosticDescriptors.LanguageVersionTooLow, type, type, type.Name, version.ToDisplayString());
            return null;
        }

        List<INamedTypeSymbol> chain = TypeShape.ContainingTypesAndSelf(type);
        bool emitIntoType = chain.All(t => TypeShape.IsPartial(t, cancellationToken));
        if (!emitIntoType && TypeShape.IsPartial(type, cancellationToken))
        {
            INamedTypeSymbol notPartial = chain.First(t => !TypeShape.IsPartial(t, cancellationToken));
            sink.Report(DiagnosticDescriptors.ContainingTypeNotPartial, DiagnosticProperties.MakePartialOnly, type, type, type.Name, notPartial.Name);
        }

        var context = new MemberContext(type, compilation, emitIntoType, sink);
        CollectedMembers collected = MemberCollector.Collect(type, sink, cancellationToken);
        var fields = new List<FieldMemberSpec>();
        var collections = new List<TagCollectionSpec>();
        foreach (MappedMember mapped in collected.Fields)
        {
            if (mapped.Rule.IsCollection)
            {
                if (MappedMemberBuilder.BuildCollection(mapped, context) is { } collection)
                {
                    collections.Add(collection);
                }
            }
            else if (MappedMemberBuilder.BuildField(mapped, context) is { } field)
            {
                fields.Add(field);
            }
        }

        List<TagMemberSpec> tagMembers = TagMemberBuilder.Build(collected.Tags, context);
        ReportMissingFields(collected.Fields, type, sink);
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
            new EquatableArray<FieldMemberSpec>(fields),
            new EquatableArray<TagMemberSpec>(tagMembers),
            new EquatableArray<TagCollectionSpec>(collections));
    }

    /// <summary>The C# version the type's declaration is compiled with (one per project in practice).</summary>
    private static LanguageVersion? LanguageVersionOf(INamedTypeSymbol type)
        => type.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree.Options is CSharpParseOptions options ? options.LanguageVersion : null;

    /// <summary>Formats a type for generated code: fully qualified, keeping nullable annotations.</summary>
    public static string Format(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

    /// <summary>
    /// The name is required (an error); a missing span id or trace id is a warning, since the agent
    /// drops such spans but the marshaller itself is sound. A member that maps to the field but
    /// failed its own check has been reported already.
    /// </summary>
    private static void ReportMissingFields(List<MappedMember> mapped, INamedTypeSymbol type, DiagnosticSink sink)
    {
        if (!mapped.Any(m => m.Field == SpanField.Name))
        {
            sink.Report(DiagnosticDescriptors.MissingName, type, type, type.Name);
        }

        if (!mapped.Any(m => m.Field is SpanField.TraceId or SpanField.TraceIdLow))
        {
            sink.Report(DiagnosticDescriptors.MissingId, type, type, type.Name, nameof(SpanField.TraceId), "trace_id", "'TraceId' (or 'TraceIdLow' and 'TraceIdHigh')");
        }

        if (!mapped.Any(m => m.Field == SpanField.SpanId))
        {
            sink.Report(DiagnosticDescriptors.MissingId, type, type, type.Name, nameof(SpanField.SpanId), "span_id", SpanFieldTable.For(SpanField.SpanId).QuotedNames());
        }
    }
}
