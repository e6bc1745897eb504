using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary>The generator and analyzers see half-typed code on every keystroke; they must never throw.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> BrokenSources =>
    [
        "using SpanMarshal; [GenerateTraceMarshaller] public class S { public strin Name; public Dictionary<string, string> Meta; }",
        "using SpanMarshal; [GenerateTraceMarshaller] public class S { public string Name",
        "using SpanMarshal; [GenerateTraceMarshaller] public class",
        "using SpanMarshal; [GenerateTraceMarshaller(42)] public class S { [SpanField(999)] public string? Name; [SpanField] public ulong SpanId; }",
        "using SpanMarshal; [GenerateTraceMarshaller] public class S { [SpanField(SpanField.)] public string? Name; }",
        "using SpanMarshal; [GenerateTraceMarshaller] public class A : B { public string? Name; } public class B : A { }",
        "using SpanMarshal; [GenerateTraceMarshaller] public class S : Missing { public string? Name; }",
        "using SpanMarshal; [GenerateTraceMarshaller] public class S { public string? Name { set { } } public int this[int i] => i; public string? Service => ; }",
        "using SpanMarshal; [GenerateTraceMarshaller] public enum S { Name }",
        "using SpanMarshal; [GenerateTraceMarshaller] public delegate void S();",
        "using SpanMarshal; public class Outer { [GenerateTraceMarshaller] public partial class }",
        "using SpanMarshal; [GenerateTraceMarshaller] public partial record S(string Name, System.Collections.Generic.IEnumerable<> Meta);",
        "using SpanMarshal; [GenerateTraceMarshaller] public class S { public (string, string)[] Meta = null!; public string? Name; public System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<int, string>> Metrics = null!; }",
        "[SpanMarshal.GenerateTraceMarshaller] class @class { public string? @event; [SpanMarshal.SpanField(SpanMarshal.SpanField.Name)] public string? @string; }",
        "using SpanMarshal; [GenerateTraceMarshaller] public class S { public string? Name; [SpanTag(] public string? A; }",
        "using SpanMarshal; [GenerateTraceMarshaller] public class S { public string? Name; [SpanTag(null)] public string? A; }",
        "using SpanMarshal; [GenerateTraceMarshaller] public class S { public string? Name; [SpanTag(123)] public string? A; }",
        "using SpanMarshal; [GenerateTraceMarshaller] public class S { public string? Name; [SpanTag] public string? A; }",
        "using SpanMarshal; [GenerateTraceMarshaller] public class S { public string? Name; [SpanTag(\"a\", \"b\")] public string? A; }",
        "using SpanMarshal; [GenerateTraceMarshaller] public class S { public string? Name; [SpanTag(\"a\")] public Missing A; [SpanTag(\"a\")] public int B; }",
        "using SpanMarshal; [GenerateTraceMarshaller] public class S { public string? Name; [SpanTag(\"a\")] public int this[int i] => i; [SpanTag(\"b\")] public static int C; [SpanTag(\"c\")] public int D { set { } } }",
        "using SpanMarshal; [GenerateTraceMarshaller] public class S { public string? Name; [SpanTag(nameof(Missing))] public string? A; [SpanTag(\"\\uD800\")] [SpanTag(\"x\")] public int B; }",
        "using SpanMarshal; [GenerateTraceMarshaller] public class S { public string? Name; [SpanTag(\"k\")] public string? ",
    ];

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task Broken_code_never_throws(string source) => await AssertNoCrashAsync(source);

    [Fact]
    public async Task Every_prefix_of_a_span_type_is_handled()
    {
        foreach (string source in new[] { SpanSources.AlternateTypes, SpanSources.UnsafeAccessor, SpanSources.SpanTags })
        {
            for (int length = 0; length <= source.Length; length += 23)
            {
                await AssertNoCrashAsync(source[..length]);
            }
        }
    }

    private static async Task AssertNoCrashAsync(string source)
    {
        Compilation compilation = TestCompilation.Create(source);
        GeneratorOutcome outcome = GeneratorHarness.Run(compilation);
        Assert.Null(outcome.Result.Exception);
        Assert.DoesNotContain(outcome.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");

        var analyzerErrors = new List<string>();
        var diagnostics = await AnalyzerHarness.RunAsync(compilation, analyzerErrors);
        Assert.Empty(analyzerErrors);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }
}
