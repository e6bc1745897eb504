using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

public sealed class IncrementalityTests
{
    private static readonly string[] TrackedSteps = [TrackingNames.SpanTypes, TrackingNames.ValidSpanTypes];

    [Theory]
    [MemberData(nameof(SpanSources.Shapes), MemberType = typeof(SpanSources))]
    public void An_unrelated_edit_leaves_every_tracked_step_cached_or_unchanged(string name, string source)
    {
        Compilation first = TestCompilation.Create(source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);

        // Edit the same file (so the span type is re-parsed) and add another file.
        SyntaxTree tree = first.SyntaxTrees.Single();
        SyntaxTree edited = tree.WithChangedText(tree.GetText().WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(
            new Microsoft.CodeAnalysis.Text.TextSpan(tree.Length, 0), "\ninternal static class Unrelated { internal static int Answer() => 42; }\n")));
        Compilation second = first.ReplaceSyntaxTree(tree, edited)
            .AddSyntaxTrees(CSharpSyntaxTree.ParseText("internal static class Other { }", TestCompilation.ParseOptions));
        GeneratorRunResult result = driver.RunGenerators(second).GetRunResult().Results.Single();

        Assert.NotEmpty(result.GeneratedSources);
        foreach (string step in TrackedSteps)
        {
            IncrementalGeneratorRunStep[] runs = result.TrackedSteps[step].ToArray();
            Assert.NotEmpty(runs);
            Assert.All(runs.SelectMany(r => r.Outputs), output =>
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name}: step {step} was {output.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs), output =>
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void A_relevant_edit_regenerates()
    {
        Compilation first = TestCompilation.Create(SpanSources.CommonTypes);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);
        SyntaxTree tree = first.SyntaxTrees.Single();
        SyntaxTree edited = CSharpSyntaxTree.ParseText(
            SpanSources.CommonTypes.Replace("public ulong ParentId", "public long ParentId", System.StringComparison.Ordinal), TestCompilation.ParseOptions, tree.FilePath);

        GeneratorRunResult result = driver.RunGenerators(first.ReplaceSyntaxTree(tree, edited)).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.ValidSpanTypes].SelectMany(r => r.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("unchecked((ulong)span.ParentId)", result.GeneratedSources.Single().SourceText.ToString(), System.StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SpanSources.Shapes), MemberType = typeof(SpanSources))]
    public void Models_hold_no_symbols_syntax_or_compilations(string name, string source)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(source);
        IEnumerable<object> values = TrackedSteps
            .SelectMany(step => outcome.Result.TrackedSteps[step])
            .SelectMany(run => run.Outputs)
            .Select(output => output.Value);

        List<string> leaks = [.. values.SelectMany(v => ModelWalker.FindForbidden(v, name))];

        Assert.Empty(leaks);
        Assert.NotEmpty(values);
    }

    [Fact]
    public void The_model_walker_finds_a_symbol_hidden_in_a_nested_value()
    {
        Compilation compilation = TestCompilation.Create("class C { }");
        var nested = new { Items = new object[] { 1, new { Symbol = (object)compilation.GetTypeByMetadataName("C")! } } };

        Assert.Single(ModelWalker.FindForbidden(nested, "nested"));
    }
}
