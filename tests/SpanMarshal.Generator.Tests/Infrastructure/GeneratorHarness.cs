using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SpanMarshal.Generator.Tests.Infrastructure;

/// <summary>Runs the generator on a compilation with step tracking on.</summary>
internal static class GeneratorHarness
{
    public static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            [new TraceMarshallerGenerator().AsSourceGenerator()],
            parseOptions: TestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorOutcome Run(Compilation compilation)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
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
