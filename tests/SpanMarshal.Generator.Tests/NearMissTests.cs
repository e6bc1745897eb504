using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary>SMG016: names close to a span field, and when the [SpanField] fix is offered.</summary>
public sealed class NearMissTests
{
    [Theory]
    [InlineData("public TimeSpan Elapsed;", "Elapsed", "Duration", true)]
    [InlineData("public long ElapsedNs;", "ElapsedNs", "Duration", true)]
    [InlineData("public double ElapsedSeconds;", "ElapsedSeconds", "Duration", true)]
    [InlineData("public long DurationMs;", "DurationMs", "Duration", false)]
    [InlineData("public double DurationMs;", "DurationMs", "Duration", false)]
    [InlineData("public long Elapsed;", "Elapsed", "Duration", false)]
    [InlineData("public DateTime Timestamp;", "Timestamp", "Start", true)]
    [InlineData("public DateTimeOffset StartedAt { get; set; }", "StartedAt", "Start", true)]
    [InlineData("public long Timestamp;", "Timestamp", "Start", false)]
    [InlineData("public long StartTimeMillis;", "StartTimeMillis", "Start", false)]
    [InlineData("public ulong ParentSpanIdValue;", "ParentSpanIdValue", "ParentId", true)]
    [InlineData("public bool Failed;", "Failed", "Error", true)]
    [InlineData("public Dictionary<string, string>? Attributes;", "Attributes", "Meta", true)]
    [InlineData("public Dictionary<string, object?>? TagObjects;", "TagObjects", "Meta", true)]
    [InlineData("public IEnumerable<KeyValuePair<string, decimal>>? Measurements;", "Measurements", "Metrics", true)]
    public async Task A_look_alike_of_an_unfilled_field_is_reported_with_the_fix_where_it_reads_right(string member, string name, string field, bool fixable)
    {
        Diagnostic diagnostic = Assert.Single(await ConventionTests.AnalyzeAsync(member));

        Assert.Equal(("SMG016", DiagnosticSeverity.Info), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(name, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.StartsWith($"Member '{name}' looks like span field '{field}', which no member fills,", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Equal(fixable, diagnostic.Properties.TryGetValue("SpanField", out string? value) && value == field);
    }

    [Theory]
    [InlineData("public ulong TraceIdentifier;", "TraceId")]
    [InlineData("public ulong TraceIdUpper;", "TraceIdHigh")]
    [InlineData("public long SpanIdentifier;", "SpanId")]
    public async Task Id_look_alikes_are_reported_when_the_id_is_missing(string member, string field)
    {
        Diagnostic[] diagnostics = await ConventionTests.AnalyzeAsync(member, withIds: false);

        Diagnostic nearMiss = Assert.Single(diagnostics, d => d.Id == "SMG016");
        Assert.Equal(field, nearMiss.Properties["SpanField"]);
    }

    [Fact]
    public async Task Operation_looks_like_the_name_when_no_member_is_the_name()
    {
        const string source = "using SpanMarshal;\n[GenerateTraceMarshaller]\npublic class S { public string? Operation; public ulong TraceId, SpanId; }";

        Diagnostic[] diagnostics = [.. await AnalyzerHarness.RunAsync(TestCompilation.Create(source))];

        Assert.Equal(["SMG001", "SMG016"], diagnostics.Select(d => d.Id).Order());
    }

    [Theory]
    [InlineData("public TimeSpan Duration; public long DurationMs;")]
    [InlineData("public TimeSpan Duration; public TimeSpan Elapsed;")]
    [InlineData("public string? ErrorMessage;")]
    [InlineData("public int StartIndex;")]
    [InlineData("public DateTime EndTime; public long EndTimestamp;")]
    [InlineData("public int Retries; public string? Route;")]
    [InlineData("[SpanIgnore] public TimeSpan Elapsed;")]
    [InlineData("[SpanTag(\"elapsed\")] public double Elapsed;")]
    [InlineData("public ulong ParentIdHex; public ulong ParentId;")]
    [InlineData("public static TimeSpan Elapsed;")]
    public async Task Nothing_is_reported_for_a_filled_field_another_type_or_a_member_that_says_what_it_is(string members)
        => Assert.Empty(await ConventionTests.AnalyzeAsync(members));

    [Fact]
    public async Task The_fix_maps_the_member_and_the_span_then_sends_it()
    {
        const string source = """
            using System;
            using SpanMarshal;

            [GenerateTraceMarshaller]
            public class S
            {
                public string Name = "n";
                public ulong TraceId, SpanId;
                public TimeSpan Elapsed { get; set; }
            }
            """;

        string? fixedSource = await CodeFixHarness.ApplyAsync(source, "SMG016", TestCompilation.Net100);

        Assert.Equal(source.Replace("    public TimeSpan Elapsed", "    [SpanField(SpanField.Duration)]\n    public TimeSpan Elapsed", System.StringComparison.Ordinal), fixedSource);
        Assert.Empty(await AnalyzerHarness.RunAsync(TestCompilation.Create(fixedSource!)));
        Assert.Contains("fields.Duration = global::SpanMarshal.Marshalling.SpanTime.FromTimeSpan(span.Elapsed);", GeneratorHarness.Run(fixedSource!).SingleSource, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fix_qualifies_the_attribute_without_a_using_and_fixes_snake_case()
    {
        const string source = "[SpanMarshal.GenerateTraceMarshaller]\npublic class S\n{\n    public string Name = \"n\";\n    public ulong span_id;\n    public ulong TraceId;\n}\n";

        string? fixedSource = await CodeFixHarness.ApplyAsync(source, "SMG008", TestCompilation.Net100);

        Assert.Equal(source.Replace("    public ulong span_id;", "    [SpanMarshal.SpanField(SpanMarshal.SpanField.SpanId)]\n    public ulong span_id;", System.StringComparison.Ordinal), fixedSource);
        Assert.Empty(await AnalyzerHarness.RunAsync(TestCompilation.Create(fixedSource!)));
    }

    [Theory]
    [InlineData("public long DurationMs;")]
    [InlineData("public TimeSpan Elapsed, Other;")]
    public async Task The_fix_is_not_offered_where_it_would_misread_the_value_or_map_two_members(string member)
    {
        string source = "using System; using SpanMarshal;\n[GenerateTraceMarshaller]\npublic class S { public string Name = \"n\"; public ulong TraceId, SpanId;\n    " + member + "\n}";

        Assert.Null(await CodeFixHarness.ApplyAsync(source, "SMG016", TestCompilation.Net100));
    }
}
