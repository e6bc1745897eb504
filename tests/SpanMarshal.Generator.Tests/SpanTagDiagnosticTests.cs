using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using SpanMarshal.Generator.Parsing;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary>The <c>[SpanTag]</c> rules beyond the one positive/negative pair per id in <see cref="DiagnosticCases"/>.</summary>
public sealed class SpanTagDiagnosticTests
{
    [Theory]
    [InlineData("bool")]
    [InlineData("bool?")]
    [InlineData("object")]
    [InlineData("char")]
    [InlineData("nint")]
    [InlineData("System.Int128")]
    [InlineData("System.Numerics.BigInteger")]
    [InlineData("System.DateTime")]
    [InlineData("System.DayOfWeek")]
    [InlineData("byte[]")]
    [InlineData("System.Collections.Generic.Dictionary<string, string>")]
    public async Task Other_types_are_reported_with_the_accepted_ones(string type)
    {
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync($"[SpanTag(\"k\")] public {type} Value = default!;"));

        Assert.Equal("SMG010", diagnostic.Id);
        Assert.Equal("Value", Located(diagnostic));
        Assert.Contains("string (meta); double, float, long, int, short, sbyte, byte, ushort, uint, ulong, decimal, Half and their nullable forms (metrics)", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[SpanTag(\" \")] public bool Value;", "SMG011", "' '")]
    [InlineData("[SpanTag(\"k\")] public string? First; [SpanTag(\"k\")] public bool Value;", "SMG012", "'k'")]
    public async Task A_wrong_type_names_the_key_as_written_even_when_the_key_is_reported_too(string members, string keyId, string quotedKey)
    {
        List<Diagnostic> diagnostics = await AnalyzeAsync(members);

        Assert.Equal([keyId, "SMG010"], diagnostics.ConvertAll(d => d.Id));
        Assert.StartsWith($"Member 'Value' of type 'bool' cannot be sent as tag {quotedKey};", diagnostics[1].GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    /// <summary>string, and every number the runtime's tag bag sends as a metric (the shared list), plain and nullable.</summary>
    public static TheoryData<string> AcceptedTypes =>
    [
        "string",
        "string?",
        .. MetricNumbers.Types.Select(t => t.CSharpName),
        .. MetricNumbers.Types.Select(t => t.CSharpName + "?"),
    ];

    [Theory]
    [MemberData(nameof(AcceptedTypes))]
    public async Task Accepted_types_are_not_reported_and_generate(string type)
    {
        string source = Span($"[SpanTag(\"k\")] public {type} Value = default!;");

        Assert.Empty(await AnalyzerHarness.RunAsync(TestCompilation.Create(source)));
        GeneratorOutcome outcome = GeneratorHarness.Run(source);
        Assert.Single(outcome.Sources);
        Assert.Empty(TestCompilation.Problems(outcome.Output));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("\"\\t\\n\"")]
    public async Task Null_empty_and_blank_keys_are_reported_on_the_key(string key)
    {
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync($"[SpanTag({key})] public string? Value;"));

        Assert.Equal("SMG011", diagnostic.Id);
        Assert.Equal(key, Located(diagnostic));
    }

    [Fact]
    public async Task A_key_already_used_by_a_base_class_is_reported_on_the_derived_key()
    {
        const string source = """
            using SpanMarshal;
            public abstract class Base { [SpanTag("http.method")] public string? Method; }
            [GenerateTraceMarshaller]
            public class S : Base
            {
                public string? Name; public ulong TraceId, SpanId;
                [SpanTag("http.method")] public string? Verb;
            }
            """;

        Diagnostic diagnostic = Assert.Single(await AnalyzerHarness.RunAsync(TestCompilation.Create(source)));

        Assert.Equal("SMG012", diagnostic.Id);
        Assert.Equal(("\"http.method\"", 7), (Located(diagnostic), diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1));
        Assert.Equal(
            "Member 'Verb' sends tag 'http.method', which member 'Method' already sends; change one key or remove one [SpanTag]",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Empty(GeneratorHarness.Run(source).Sources);
    }

    [Fact]
    public async Task Keys_differing_only_in_case_are_different_tags()
        => Assert.Empty(await AnalyzeAsync("[SpanTag(\"k\")] public string? A; [SpanTag(\"K\")] public string? B;"));

    [Fact]
    public async Task An_override_keeps_its_base_tag_without_a_duplicate()
    {
        const string source = """
            using SpanMarshal;
            public abstract class Base { [SpanTag("http.route")] public virtual string? Route => null; }
            [GenerateTraceMarshaller]
            public class S : Base { public string? Name; public ulong TraceId, SpanId; public override string? Route => "/"; }
            """;

        Assert.Empty(await AnalyzerHarness.RunAsync(TestCompilation.Create(source)));
        Assert.Contains("sink.SetMeta(\"http.route\"u8, tag0);", GeneratorHarness.Run(source).SingleSource, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\\uDE00\"", "DE00", 0)]
    [InlineData("\"ab\\uDE00\\uD83D\"", "DE00", 2)]
    [InlineData("\"ab\\uD83D\\uD83D\\uDE00\"", "D83D", 2)]
    public async Task Lone_surrogates_are_reported_with_their_code_unit_and_index(string key, string codeUnit, int index)
    {
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync($"[SpanTag({key})] public string? Value;"));

        Assert.Equal("SMG013", diagnostic.Id);
        Assert.Equal(key, Located(diagnostic));
        Assert.Contains($"(U+{codeUnit}) at index {index}", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_u8_literal_does_not_compile_which_is_why_SMG013_exists()
    {
        Compilation compilation = TestCompilation.Create("public static class C { public static System.ReadOnlySpan<byte> K => \"\\uD800\"u8; }");
        using var image = new MemoryStream();

        // Only emitting encodes the literal, so the error does not show in GetDiagnostics.
        EmitResult emitted = compilation.Emit(image);

        Assert.False(emitted.Success);
        Assert.Contains(emitted.Diagnostics, d => d.Id == "CS9026");
    }

    [Fact]
    public async Task SpanIgnore_wins_over_SpanTag_silently()
        => Assert.Empty(await AnalyzeAsync("[SpanTag(\"k\"), SpanIgnore] public bool Ignored;"));

    [Fact]
    public async Task A_tag_named_Name_does_not_name_the_span()
    {
        const string source = "using SpanMarshal;\n[GenerateTraceMarshaller]\npublic class S { [SpanTag(\"name\")] public string? Name; public ulong TraceId, SpanId; }";

        Diagnostic diagnostic = Assert.Single(await AnalyzerHarness.RunAsync(TestCompilation.Create(source)));

        Assert.Equal("SMG001", diagnostic.Id);
    }

    [Fact]
    public async Task A_tag_is_never_reported_as_a_near_miss_convention_name()
        => Assert.Empty(await AnalyzeAsync("[SpanTag(\"trace.id\")] public long trace_id;"));

    [Fact]
    public async Task A_private_tag_of_a_non_partial_type_without_UnsafeAccessor_is_unreachable()
    {
        string source = Span("[SpanTag(\"k\")] private string? _secret; public override string ToString() => _secret ?? \"\";");

        Diagnostic diagnostic = Assert.Single(await AnalyzerHarness.RunAsync(TestCompilation.Create(source, TestCompilation.NetStandard20)));

        Assert.Equal(("SMG004", "_secret"), (diagnostic.Id, Located(diagnostic)));
    }

    private static string Span(string members)
        => "using System; using SpanMarshal;\n[GenerateTraceMarshaller]\npublic class S\n{\n    public string? Name; public ulong TraceId, SpanId;\n    " + members + "\n}";

    private static async Task<List<Diagnostic>> AnalyzeAsync(string members)
        => [.. await AnalyzerHarness.RunAsync(TestCompilation.Create(Span(members)))];

    private static string Located(Diagnostic diagnostic)
        => diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
