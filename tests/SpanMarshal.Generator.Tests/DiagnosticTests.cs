using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary>Every diagnostic: reported where it belongs, not reported when fixed, and suppressible.</summary>
public sealed class DiagnosticTests
{
    public static TheoryData<string> Cases => [.. DiagnosticCases.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Positive_case_reports_on_the_offending_member(string id)
    {
        DiagnosticCase c = DiagnosticCases.All[id];
        Diagnostic diagnostic = Assert.Single(await AnalyzerHarness.RunAsync(c.CreatePositive()));

        Assert.Equal(c.Id, diagnostic.Id);
        Assert.False(diagnostic.IsSuppressed);
        Assert.Equal(c.Location, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Equal(c.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.EndsWith("/docs/diagnostics/" + c.Id + ".md", diagnostic.Descriptor.HelpLinkUri, System.StringComparison.Ordinal);
        Assert.Equal("SpanMarshal", diagnostic.Descriptor.Category);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Negative_case_reports_nothing(string id)
        => Assert.Empty(await AnalyzerHarness.RunAsync(DiagnosticCases.All[id].CreateNegative()));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Pragma_suppresses_it(string id)
    {
        DiagnosticCase c = DiagnosticCases.All[id];
        Diagnostic diagnostic = Assert.Single(await AnalyzerHarness.RunAsync(c.CreatePositive($"#pragma warning disable {c.Id}\n")));

        Assert.True(diagnostic.IsSuppressed);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Errors_stop_generation_and_warnings_do_not(string id)
    {
        DiagnosticCase c = DiagnosticCases.All[id];
        GeneratorOutcome positive = GeneratorHarness.Run(c.CreatePositive());
        GeneratorOutcome negative = GeneratorHarness.Run(c.CreateNegative());

        Assert.Equal(c.IsError ? 0 : 1, positive.Sources.Length);
        Assert.Equal(c.NegativeSources, negative.Sources.Length);
    }

    [Theory]
    [InlineData("public struct S { public string Name; }", "S")]
    [InlineData("public interface S { string Name { get; } }", "S")]
    [InlineData("public class S<T> { public string? Name; }", "S")]
    [InlineData("public class Outer<T> { [GenerateTraceMarshaller] public class S { public string? Name; } }", "S")]
    [InlineData("public class Outer { [GenerateTraceMarshaller] private class S { public string? Name; } }", "S")]
    public async Task Unsupported_kinds_of_type_are_reported_on_the_type(string declaration, string location)
    {
        string source = "using SpanMarshal;\n" + (declaration.StartsWith("public class Outer", System.StringComparison.Ordinal) ? "" : "[GenerateTraceMarshaller]\n") + declaration;

        Diagnostic diagnostic = Assert.Single(await AnalyzerHarness.RunAsync(TestCompilation.Create(source)));

        Assert.Equal("SMG006", diagnostic.Id);
        Assert.Equal(location, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }

    [Fact]
    public async Task A_member_of_a_generic_base_on_NET_8_is_unreachable_because_UnsafeAccessor_cannot_bind_generics()
    {
        const string source = """
            using SpanMarshal;
            public class Base<T> { private string? _name; public override string ToString() => _name ?? ""; }
            [GenerateTraceMarshaller]
            public sealed class S : Base<int> { public ulong TraceId, SpanId; }
            """;
        Diagnostic diagnostic = Assert.Single(await AnalyzerHarness.RunAsync(TestCompilation.Create(source, TestCompilation.Net80)));

        Assert.Equal("SMG004", diagnostic.Id);
        Assert.Equal("_name", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
    }
}
