using System.Linq;
using System.Threading.Tasks;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

public sealed class CodeFixTests
{
    [Fact]
    public async Task Make_partial_fixes_an_unreachable_private_member_of_a_nested_type()
    {
        const string source = """
            using SpanMarshal;

            public static class Outer
            {
                /// <summary>Docs stay attached.</summary>
                [GenerateTraceMarshaller]
                public sealed class S
                {
                    private string? _name;
                    public override string ToString() => _name ?? "";
                }
            }
            """;
        const string expected = """
            using SpanMarshal;

            public static partial class Outer
            {
                /// <summary>Docs stay attached.</summary>
                [GenerateTraceMarshaller]
                public sealed partial class S
                {
                    private string? _name;
                    public override string ToString() => _name ?? "";
                }
            }
            """;

        string? fixedSource = await CodeFixHarness.ApplyAsync(source, "SMG004", TestCompilation.NetStandard20);

        Assert.Equal(expected, fixedSource);
        var diagnostics = await AnalyzerHarness.RunAsync(TestCompilation.Create(fixedSource!, TestCompilation.NetStandard20));
        Assert.DoesNotContain(diagnostics, d => d.Id == "SMG004");
    }

    [Fact]
    public async Task Make_partial_fixes_a_containing_type_that_is_not_partial()
    {
        const string source = "using SpanMarshal;\ninternal class Outer\n{\n    [GenerateTraceMarshaller]\n    internal partial class S { public string? Name { get; set; } }\n}\n";

        string? fixedSource = await CodeFixHarness.ApplyAsync(source, "SMG005", TestCompilation.Net100);

        Assert.Equal(source.Replace("internal class Outer", "internal partial class Outer", System.StringComparison.Ordinal), fixedSource);
        GeneratorOutcome outcome = GeneratorHarness.Run(TestCompilation.Create(fixedSource!));
        Assert.Contains("partial class Outer", outcome.SingleSource, System.StringComparison.Ordinal);
        Assert.Empty(TestCompilation.Problems(outcome.Output));
    }

    [Fact]
    public async Task The_fix_is_not_offered_when_partial_would_not_help()
    {
        const string source = """
            using SpanMarshal;
            public class Base { private string? _name; public override string ToString() => _name ?? ""; }
            [GenerateTraceMarshaller]
            public class S : Base { }
            """;

        Assert.Null(await CodeFixHarness.ApplyAsync(source, "SMG004", TestCompilation.NetStandard20));
    }

    [Fact]
    public void Each_fixable_diagnostic_has_exactly_one_fix()
        => Assert.Equal(
            ["SMG004", "SMG005", "SMG008", "SMG016", "SMG018"],
            CodeFixHarness.All.SelectMany(p => p.FixableDiagnosticIds).Order());
}
