using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SpanMarshal.Generator.Diagnostics;

namespace SpanMarshal.Generator.Tests.Infrastructure;

/// <summary>
/// Builds user source as a project does (generator first, then the compiler's and the analyzers'
/// diagnostics, then <see cref="MarshalledMemberSuppressor"/>) and returns the warnings it may
/// suppress, suppressed or not.
/// </summary>
internal static class SuppressorHarness
{
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(string source, params DiagnosticAnalyzer[] reporters)
    {
        Compilation compilation = GeneratorHarness.Run(source).Output;
        var errors = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, _, _) => errors.Add(exception.ToString()),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers([new MarshalledMemberSuppressor(), .. reporters], options)
            .GetAllDiagnosticsAsync();
        Xunit.Assert.Empty(errors);
        HashSet<string> wanted = [
            .. new MarshalledMemberSuppressor().SupportedSuppressions.Select(s => s.SuppressedDiagnosticId),
            .. reporters.SelectMany(r => r.SupportedDiagnostics).Select(d => d.Id)];
        return [.. diagnostics.Where(d => wanted.Contains(d.Id))];
    }

    /// <summary>Where a diagnostic is reported: <c>Type.member</c>.</summary>
    public static string On(Diagnostic diagnostic)
    {
        SyntaxNode node = diagnostic.Location.SourceTree!.GetRoot().FindNode(diagnostic.Location.SourceSpan);
        return node.FirstAncestorOrSelf<TypeDeclarationSyntax>()!.Identifier.Text + "." + diagnostic.Location.SourceTree.GetText().ToString(diagnostic.Location.SourceSpan);
    }
}

/// <summary>
/// Stands in for the analyzers whose warnings the suppressor handles (the IDE's code style
/// analyzers and the .NET analyzers), plus one it does not (CA1051): reports each of their ids
/// on every field and property in source.
/// </summary>
#pragma warning disable RS1001 // Never loaded by a host, only handed to CompilationWithAnalyzers; the attribute would make this project an analyzer project (RS1036).
internal sealed class EveryMemberReporter : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    public const string NotSuppressible = "CA1051";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        Create("IDE0051"),
        Create("IDE0052"),
        Create("CA1823"),
        Create("CA1822"),
        Create(NotSuppressible),
    ];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(
            symbol =>
            {
                if (!symbol.Symbol.IsImplicitlyDeclared && symbol.Symbol.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
                {
                    foreach (DiagnosticDescriptor descriptor in SupportedDiagnostics)
                    {
                        symbol.ReportDiagnostic(Diagnostic.Create(descriptor, location, symbol.Symbol.Name));
                    }
                }
            },
            SymbolKind.Field,
            SymbolKind.Property);
    }

#pragma warning disable RS1017 // The ids are the ones the real analyzers report; a test double has no id of its own.
    private static DiagnosticDescriptor Create(string id) => new(id, id, id + " on '{0}'", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
#pragma warning restore RS1017
}
