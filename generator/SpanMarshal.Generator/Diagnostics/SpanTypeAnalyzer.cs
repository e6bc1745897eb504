using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SpanMarshal.Generator.Parsing;

namespace SpanMarshal.Generator.Diagnostics;

/// <summary>
/// Reports, as the user types, every problem that stops or changes marshaller generation. It runs
/// the generator's own parser, so a reported diagnostic and the generated code always agree.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SpanTypeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MissingName,
        DiagnosticDescriptors.DuplicateMapping,
        DiagnosticDescriptors.UnsupportedMemberType,
        DiagnosticDescriptors.UnreachableMember,
        DiagnosticDescriptors.ContainingTypeNotPartial,
        DiagnosticDescriptors.UnsupportedTypeKind,
        DiagnosticDescriptors.InvalidTagCollection,
        DiagnosticDescriptors.AmbiguousConventionName,
        DiagnosticDescriptors.UnsafeBlocksRequired,
        DiagnosticDescriptors.UnsupportedTagType,
        DiagnosticDescriptors.EmptyTagKey,
        DiagnosticDescriptors.DuplicateTagKey,
        DiagnosticDescriptors.TagKeyNotUtf8,
        DiagnosticDescriptors.TagWithSpanField,
        DiagnosticDescriptors.UnreadableMarkedMember,
        DiagnosticDescriptors.NearMissName,
        DiagnosticDescriptors.MissingId,
        DiagnosticDescriptors.LanguageVersionTooLow);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        NamedTypeActions.Register(context, Analyze);
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol attribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (!SpanAttributes.IsMarked(type, attribute))
        {
            return;
        }

        var diagnostics = new List<Diagnostic>();
        SpanTypeParser.Parse(type, context.Compilation, diagnostics, context.CancellationToken);
        foreach (Diagnostic diagnostic in diagnostics)
        {
            context.ReportDiagnostic(diagnostic);
        }
    }
}
