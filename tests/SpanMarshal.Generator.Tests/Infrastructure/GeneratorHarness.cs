using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SpanMarshal.Generator.Tests.Infrastructure;

/// <summary>Runs the generator on a compilation with step tracking on.</summary>
internal static class GeneratorHarness
{
    /// <summary>A driver whose generated trees are parsed with <paramref name="parseOptions"/>: the user's, as in a real build.</summary>
    public static GeneratorDriver CreateDriver(CSharpParseOptions? parseOptions = null)
        => CSharpGeneratorDriver.Create(
            [new TraceMarshallerGenerator().AsSourceGenerator()],
            parseOptions: parseOptions ?? TestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorOutcome Run(Compilation compilation)
    {
        var parseOptions = (CSharpParseOptions?)compilation.SyntaxTrees.FirstOrDefault()?.Options;
        GeneratorDriver driver = CreateDriver(parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorOutcome(driver, output, diagnostics);
    }

    public static GeneratorOutcome Run(string source, bool allowUnsafe = true) => Run(TestCompilation.Create(source, allowUnsafe: allowUnsafe));
}

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorOutcome(GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorRunResult Result => Driver.GetRunResult().Results.Single();

    public ImmutableArray<GeneratedSourceResult> Sources => Result.GeneratedSources;

    public string SingleSource => Sources.Single().SourceText.ToString();
}
