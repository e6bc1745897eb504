using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary>SMG018: a class derived from a marked span type that adds span members without being marked.</summary>
public sealed class DerivedSpanTests
{
    private const string Base = """
        using SpanMarshal;
        [GenerateTraceMarshaller]
        public partial class HttpSpan { public string? Name; public ulong TraceId, SpanId; public virtual string? Resource => null; }

        """;

    [Theory]
    [InlineData("[SpanTag(\"http.url\")] public string? Url;", "member 'Url'")]
    [InlineData("public string? Service { get; set; }", "member 'Service'")]
    [InlineData("[SpanField(SpanField.Type)] public string? Kind; public ulong ParentId;", "members 'Kind', 'ParentId'")]
    [InlineData("public new string? Name;", "member 'Name'")]
    [InlineData("[SpanTag(\"http.route\")] public override string? Resource => \"/\";", "member 'Resource'")]
    public async Task Added_span_members_are_reported_on_the_derived_type(string members, string named)
    {
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync("public class HttpClientSpan : HttpSpan { " + members + " }"));

        Assert.Equal(("SMG018", "HttpClientSpan"), (diagnostic.Id, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan)));
        Assert.Equal(
            $"'HttpClientSpan' derives from 'HttpSpan', which has [GenerateTraceMarshaller], and adds {named}, which the marshaller of 'HttpSpan' does not send; mark 'HttpClientSpan' with [GenerateTraceMarshaller]",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("public class HttpClientSpan : HttpSpan { }")]
    [InlineData("public class HttpClientSpan : HttpSpan { public override string? Resource => \"/\"; }")]
    [InlineData("public class HttpClientSpan : HttpSpan { [SpanIgnore] public string? Service; public int Retries; public static string? Type; }")]
    [InlineData("[GenerateTraceMarshaller] public class HttpClientSpan : HttpSpan { [SpanTag(\"http.url\")] public string? Url; }")]
    [InlineData("public class Unrelated { [SpanTag(\"http.url\")] public string? Url; public string? Service; }")]
    public async Task Nothing_is_reported_without_added_members_or_a_marked_base(string declaration)
        => Assert.Empty(await AnalyzeAsync(declaration));

    [Fact]
    public async Task The_nearest_marked_base_is_named_through_unmarked_intermediate_classes()
    {
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync(
            "public class Middle : HttpSpan { }\npublic sealed class Leaf : Middle { [SpanTag(\"k\")] public string? Value; }"));

        Assert.StartsWith("'Leaf' derives from 'HttpSpan',", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_generic_derived_type_is_reported_without_the_fix_since_it_cannot_be_marked()
    {
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync("public class Typed<T> : HttpSpan { [SpanTag(\"k\")] public string? Value; }"));

        Assert.Equal("SMG018", diagnostic.Id);
        Assert.Null(await CodeFixHarness.ApplyAsync(Base + "public class Typed<T> : HttpSpan { [SpanTag(\"k\")] public string? Value; }", "SMG018", TestCompilation.Net100));
    }

    [Fact]
    public async Task The_fix_marks_the_type_which_then_gets_its_own_marshaller()
    {
        string source = Base + "/// <summary>Stays on top.</summary>\npublic class HttpClientSpan : HttpSpan\n{\n    [SpanTag(\"http.url\")] public string? Url;\n}\n";

        string? fixedSource = await CodeFixHarness.ApplyAsync(source, "SMG018", TestCompilation.Net100);

        Assert.Equal(source.Replace("public class HttpClientSpan", "[GenerateTraceMarshaller]\npublic class HttpClientSpan", System.StringComparison.Ordinal), fixedSource);
        Assert.Empty(await AnalyzerHarness.RunAsync(TestCompilation.Create(fixedSource!)));
        GeneratorOutcome outcome = GeneratorHarness.Run(fixedSource!);
        Assert.Equal(2, outcome.Sources.Length);
        Assert.Empty(TestCompilation.Problems(outcome.Output));
    }

    [Fact]
    public async Task The_fix_makes_the_type_and_its_containers_partial_when_it_adds_private_members()
    {
        string source = Base + "public static class Spans\n{\n    public sealed class Db : HttpSpan\n    {\n        [SpanTag(\"db.statement\")] private string? _statement = \"SELECT 1\";\n        public override string ToString() => _statement ?? \"\";\n    }\n}\n";

        string? fixedSource = await CodeFixHarness.ApplyAsync(source, "SMG018", TestCompilation.NetStandard20);

        string expected = source
            .Replace("public static class Spans", "public static partial class Spans", System.StringComparison.Ordinal)
            .Replace("    public sealed class Db", "    [GenerateTraceMarshaller]\n    public sealed partial class Db", System.StringComparison.Ordinal);
        Assert.Equal(expected, fixedSource);
        // Without UnsafeAccessor (netstandard2.0), only the nested marshaller can read the private member.
        Assert.Empty(await AnalyzerHarness.RunAsync(TestCompilation.Create(fixedSource!, TestCompilation.NetStandard20)));
    }

    private static async Task<Diagnostic[]> AnalyzeAsync(string declarations)
        => [.. (await AnalyzerHarness.RunAsync(TestCompilation.Create(Base + declarations))).Where(d => d.Id != "SMG016")];
}
