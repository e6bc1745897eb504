using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary>
/// The unused-member warnings and CA1822 are suppressed on exactly the members a generated
/// marshaller reads: mapped and tagged ones, including a base class's, and no others.
/// </summary>
public sealed class SuppressorTests
{
    // Not partial, so the marshaller reads the private fields through [UnsafeAccessor], which the
    // compiler does not count as a read: these are the compiler's own CS0169 and CS0414.
    private const string NotPartial = """
        using SpanMarshal;

        public class SpanBase
        {
            private ulong _traceId;
        }

        [GenerateTraceMarshaller]
        public sealed class WebSpan : SpanBase
        {
            private string _name = "op";
            private ulong _spanId;
            [SpanTag("http.method")] private string? _method;
            private string _unmapped = "x";
            [SpanIgnore] private string? _service;
        }

        public sealed class Plain
        {
            private string _name = "op";
        }
        """;

    // Partial: the nested marshaller reads private members directly, so only analyzers that do
    // not follow the read (or suggest making a constant-returning property static) report them.
    private const string Partial = """
        using SpanMarshal;

        [GenerateTraceMarshaller]
        public sealed partial class WebSpan
        {
            [SpanField(SpanField.Name)] private string Op => "http.request";
            private ulong _spanId;
            [SpanTag("component")] private string Component => "web";
            private string? _notes;
            [SpanIgnore] private string? Resource { get; set; }
        }

        public sealed class Plain
        {
            private string? Name { get; set; }
        }
        """;

    [Fact]
    public async Task Compiler_warnings_on_mapped_and_tagged_private_fields_are_suppressed()
    {
        ImmutableArray<Diagnostic> diagnostics = await SuppressorHarness.RunAsync(NotPartial);

        Assert.Equal(
            [
                ("CS0169", "SpanBase._traceId", true),
                ("CS0169", "WebSpan._method", true),
                ("CS0169", "WebSpan._service", false),
                ("CS0169", "WebSpan._spanId", true),
                ("CS0414", "Plain._name", false),
                ("CS0414", "WebSpan._name", true),
                ("CS0414", "WebSpan._unmapped", false),
            ],
            diagnostics.Select(d => (d.Id, SuppressorHarness.On(d), d.IsSuppressed)).OrderBy(t => t.ToString(), StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("IDE0051")]
    [InlineData("IDE0052")]
    [InlineData("CA1823")]
    [InlineData("CA1822")]
    public async Task Analyzer_warnings_are_suppressed_on_mapped_and_tagged_members_only(string id)
    {
        ImmutableArray<Diagnostic> all = await SuppressorHarness.RunAsync(Partial, new EveryMemberReporter());
        Diagnostic[] diagnostics = [.. all.Where(d => d.Id == id)];

        Assert.Equal(
            [
                ("Plain.Name", false),
                ("WebSpan.Component", true),
                ("WebSpan.Op", true),
                ("WebSpan.Resource", false),
                ("WebSpan._notes", false),
                ("WebSpan._spanId", true),
            ],
            diagnostics.Select(d => (SuppressorHarness.On(d), d.IsSuppressed)).OrderBy(t => t.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_span_type_that_gets_no_marshaller_keeps_its_warnings()
    {
        // No member maps to the name (SMG001), so nothing is generated and nothing reads _spanId.
        const string source = """
            using SpanMarshal;

            [GenerateTraceMarshaller]
            public sealed class WebSpan
            {
                private ulong _spanId;
            }
            """;

        Diagnostic diagnostic = Assert.Single(await SuppressorHarness.RunAsync(source));

        Assert.Equal(("CS0169", "WebSpan._spanId", false), (diagnostic.Id, SuppressorHarness.On(diagnostic), diagnostic.IsSuppressed));
    }

    [Fact]
    public async Task Other_warnings_on_a_mapped_member_are_kept()
    {
        ImmutableArray<Diagnostic> diagnostics = await SuppressorHarness.RunAsync(Partial, new EveryMemberReporter());
        Diagnostic diagnostic = Assert.Single(diagnostics, d => d.Id == EveryMemberReporter.NotSuppressible && SuppressorHarness.On(d) == "WebSpan.Op");

        Assert.False(diagnostic.IsSuppressed);
    }
}
