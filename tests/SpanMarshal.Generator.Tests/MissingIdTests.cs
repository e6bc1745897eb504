using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary>SMG017: a span type without a trace id or a span id, whose spans the agent drops.</summary>
public sealed class MissingIdTests
{
    [Theory]
    [InlineData("public ulong SpanId;", "TraceId")]
    [InlineData("public ulong TraceIdHigh; public ulong SpanId;", "TraceId")]
    [InlineData("public UInt128 TraceId;", "SpanId")]
    [InlineData("public ulong TraceIdLow; public ulong ParentId;", "SpanId")]
    public async Task A_missing_id_is_a_warning_on_the_type_naming_the_field(string members, string field)
    {
        Diagnostic diagnostic = Assert.Single(await ConventionTests.AnalyzeAsync(members, withIds: false));

        Assert.Equal(("SMG017", DiagnosticSeverity.Warning, "S"), (diagnostic.Id, diagnostic.Severity, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan)));
        Assert.StartsWith($"No member of 'S' maps to span field '{field}', so its spans reach the agent with a {(field == "TraceId" ? "trace_id" : "span_id")} of 0, and the agent drops them;", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_missing_are_two_warnings_and_the_marshaller_is_still_generated()
    {
        Diagnostic[] diagnostics = await ConventionTests.AnalyzeAsync("", withIds: false);

        Assert.Equal(["SMG017", "SMG017"], diagnostics.Select(d => d.Id));
        Assert.Equal(
            "No member of 'S' maps to span field 'SpanId', so its spans reach the agent with a span_id of 0, and the agent drops them; add a member named 'SpanId' or 'Id', or mark one with [SpanField(SpanField.SpanId)]",
            diagnostics[1].GetMessage(CultureInfo.InvariantCulture));
        Assert.Single(GeneratorHarness.Run("using SpanMarshal;\n[GenerateTraceMarshaller]\npublic class S { public string? Name; }").Sources);
    }

    [Theory]
    [InlineData("public ulong TraceIdLow, TraceIdHigh, Id;")]
    [InlineData("[SpanField(SpanField.TraceId)] public long Trace; [SpanField(SpanField.SpanId)] public long Span;")]
    [InlineData("public UInt128 TraceId { get; } public ulong SpanId { get; }")]
    public async Task Ids_mapped_any_way_are_not_reported(string members)
        => Assert.Empty(await ConventionTests.AnalyzeAsync(members, withIds: false));

    [Fact]
    public async Task An_id_of_the_wrong_type_is_reported_as_such_and_not_as_missing()
    {
        Diagnostic diagnostic = Assert.Single(await ConventionTests.AnalyzeAsync("public string? TraceId; public ulong SpanId;", withIds: false));

        Assert.Equal("SMG003", diagnostic.Id);
    }
}
