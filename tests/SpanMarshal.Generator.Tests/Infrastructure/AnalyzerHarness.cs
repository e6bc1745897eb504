using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SpanMarshal.Generator.Diagnostics;

namespace SpanMarshal.Generator.Tests.Infrastructure;

/// <summary>Runs SpanMarshal's analyzers the way the IDE and the build do.</summary>
internal static class AnalyzerHarness
{
    /// <summary>Every analyzer the package ships.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> All { get; } = [new SpanTypeAnalyzer(), new UnmarkedDerivedSpanAnalyzer()];

    /// <summary>SMG diagnostics, including ones suppressed by <c>#pragma</c> (check <c>IsSuppressed</c>).</summary>
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(Compilation compilation, List<string>? analyzerErrors = null)
    {
        var options = new CompilationWithAnalyzersOptions(
            AnalyzerOptions(),
            onAnalyzerException: (exception, _, _) => analyzerErrors?.Add(exception.ToString()),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(All, options)
            .GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.Where(d => d.Id.StartsWith("SMG", System.StringComparison.Ordinal) || d.Id == "AD0001")];
    }

    private static AnalyzerOptions AnalyzerOptions() => new([]);
}
