using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests.Properties;

/// <summary>
/// Random span types and broken code: the generator and analyzers never throw, and generated code
/// either compiles without a warning of its own or a diagnostic says why nothing was generated.
/// A failure prints the seed; <c>CsCheck_Seed=&lt;seed&gt;</c> replays it. CI runs
/// <see cref="DefaultCases"/> cases per property; <c>SPANMARSHAL_PROPERTY_CASES</c> runs more.
/// </summary>
public sealed class GeneratorPropertyTests
{
    private const int DefaultCases = 150;

    private static long Cases => long.TryParse(Environment.GetEnvironmentVariable("SPANMARSHAL_PROPERTY_CASES"), out long cases) ? cases : DefaultCases;

    [Fact]
    public void Random_span_types_generate_clean_code_or_say_why_not()
        => SpanShapeGen.Shape.Sample(CheckShape, iter: Cases, print: shape => shape.Render());

    [Fact]
    public void Broken_code_never_makes_the_generator_or_the_analyzers_throw()
        => SpanShapeGen.Broken.Sample(source => CheckNoCrash(TestCompilation.Create(source)), iter: Cases, print: source => source);

    private static void CheckShape(SpanShape shape)
    {
        CSharpCompilation compilation = TestCompilation.Create(
            shape.Render(),
            shape.Net80 ? TestCompilation.Net80 : TestCompilation.Net100,
            shape.AllowUnsafe,
            shape.Language);
        (GeneratorOutcome outcome, IReadOnlyList<Diagnostic> analyzer) = CheckNoCrash(compilation);

        // What the generated code adds to the build: any problem in a generated file, a new error in the
        // user's, or a warning where the user's code had none. (A private field the marshaller now reads
        // turns "never used" into "never assigned": the same warning about the user's field.)
        List<Diagnostic> before = [.. Problems(compilation)];
        HashSet<string> errorsBefore = [.. before.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Describe)];
        HashSet<string> warnedBefore = [.. before.Select(d => d.Location.GetLineSpan().ToString())];
        List<string> added = [.. Problems(outcome.Output)
            .Where(d => d.Location.SourceTree is { FilePath: not "Spans.cs" }
                || (d.Severity == DiagnosticSeverity.Error ? !errorsBefore.Contains(Describe(d)) : !warnedBefore.Contains(d.Location.GetLineSpan().ToString())))
            .Select(Describe)];
        Assert.True(added.Count == 0, "the generated code adds: " + string.Join("; ", added));

        // Every marked type without a marshaller is explained: by an error of ours, or the user's own compile error.
        int marked = compilation.SyntaxTrees.Single().GetRoot().DescendantNodes()
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax>().Count(a => a.Name.ToString() == "GenerateTraceMarshaller");
        bool explained = analyzer.Any(d => d.Severity == DiagnosticSeverity.Error) || compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(outcome.Sources.Length == marked || explained, $"{marked - outcome.Sources.Length} marked type(s) without a marshaller and no error says why");
    }

    private static (GeneratorOutcome Outcome, IReadOnlyList<Diagnostic> Analyzer) CheckNoCrash(CSharpCompilation compilation)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(compilation);
        Assert.Null(outcome.Result.Exception);
        Assert.DoesNotContain(outcome.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");

        var analyzerErrors = new List<string>();
        var diagnostics = AnalyzerHarness.RunAsync(compilation, analyzerErrors).GetAwaiter().GetResult();
        Assert.Empty(analyzerErrors);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return (outcome, diagnostics);
    }

    /// <summary>Errors and warnings, emit-time ones included (a lone surrogate in a <c>u8</c> literal only fails there).</summary>
    private static IEnumerable<Diagnostic> Problems(Compilation compilation)
    {
        EmitResult emitted = compilation.Emit(Stream.Null);
        return emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning);
    }

    private static string Describe(Diagnostic diagnostic) => $"{diagnostic.Id} at {diagnostic.Location.GetLineSpan()}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
}
