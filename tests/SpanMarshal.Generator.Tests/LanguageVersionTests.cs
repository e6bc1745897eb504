using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary>SMG019: below C# 11 the generator emits nothing and says why, instead of errors in generated files.</summary>
public sealed class LanguageVersionTests
{
    [Theory]
    [InlineData(LanguageVersion.CSharp9, "9.0")]
    [InlineData(LanguageVersion.CSharp10, "10.0")]
    public async Task Below_CSharp_11_one_error_and_nothing_generated(LanguageVersion language, string shown)
    {
        // A file-scoped namespace is C# 10: the span type lives in the global namespace here.
        string source = SpanSources.SpanTags.Replace("namespace Shop.Tracing;", "", System.StringComparison.Ordinal);
        CSharpCompilation compilation = TestCompilation.Create(source, language: language);

        Diagnostic diagnostic = Assert.Single(await AnalyzerHarness.RunAsync(compilation));
        GeneratorOutcome outcome = GeneratorHarness.Run(compilation);

        Assert.Equal(("SMG019", DiagnosticSeverity.Error, "TaggedSpan"), (diagnostic.Id, diagnostic.Severity, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan)));
        Assert.Contains($"and the project compiles C# {shown};", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Empty(outcome.Sources);
        Assert.Empty(outcome.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void The_generated_code_does_not_compile_as_CSharp_10_which_is_why_SMG019_exists()
    {
        string generated = GeneratorHarness.Run(SpanSources.SpanTags).SingleSource;
        CSharpParseOptions csharp10 = TestCompilation.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp10);
        CSharpCompilation compilation = TestCompilation.Create(SpanSources.SpanTags, language: LanguageVersion.CSharp10)
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText(generated, csharp10));

        Assert.Contains(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp11)]
    [InlineData(LanguageVersion.Latest)]
    public void From_CSharp_11_on_the_marshaller_is_generated_and_compiles(LanguageVersion language)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(TestCompilation.Create(SpanSources.SpanTags, language: language));

        Assert.Single(outcome.Sources);
        Assert.Empty(TestCompilation.Problems(outcome.Output));
    }
}
