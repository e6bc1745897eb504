using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary>
/// SMG015 beyond its positive/negative pair in <see cref="DiagnosticCases"/>: every kind of member
/// the marshaller does not read, for both attributes, and the look-alikes that are read.
/// </summary>
public sealed class UnreadableMemberDiagnosticTests
{
    public static TheoryData<string, string, string> Unreadable => new()
    {
        { "public static string? Value;", "Value", "it is static" },
        { "public static string? Value => null;", "Value", "it is static" },
        { "public string this[int i] => \"\";", "this", "it is an indexer" },
        { "public string? Value { set { } }", "Value", "it is write-only" },
        { "string? IRoute.Value => null;", "Value", "it is an explicit interface implementation" },
        { "public string? Value { get; set; }", "Value", "it is the compiler-generated backing field of property 'Value'" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task A_tag_on_an_unread_member_is_reported_on_the_member_saying_why(string member, string location, string reason)
    {
        // [field: ...] is how an auto-property's backing field gets the attribute.
        string attribute = member.Contains("get; set;", System.StringComparison.Ordinal) ? "[field: SpanTag(\"k\")]" : "[SpanTag(\"k\")]";
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync(attribute + " " + member));

        Assert.Equal(("SMG015", DiagnosticSeverity.Warning, location), (diagnostic.Id, diagnostic.Severity, Located(diagnostic)));
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("has [SpanTag], but the generated marshaller cannot read it, so it is not sent: " + reason, message, System.StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task A_span_field_on_an_unread_member_is_reported_the_same_way(string member, string location, string reason)
    {
        string attribute = member.Contains("get; set;", System.StringComparison.Ordinal) ? "[field: SpanField(SpanField.Resource)]" : "[SpanField(SpanField.Resource)]";
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync(attribute + " " + member));

        Assert.Equal(("SMG015", location), (diagnostic.Id, Located(diagnostic)));
        Assert.Contains("has [SpanField], but the generated marshaller cannot read it, so it is not sent: " + reason, diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[SpanTag(\"http.route\")] public string? Route;", "public new string? Route;", "[SpanTag]")]
    [InlineData("[SpanTag(\"http.route\")] public virtual string? Route => null;", "public new string? Route => null;", "[SpanTag]")]
    [InlineData("[SpanField(SpanField.Resource)] public string? Route { get; set; }", "public new string? Route;", "[SpanField]")]
    public async Task A_base_member_hidden_by_a_derived_one_is_reported_on_the_base_member(string baseMember, string derivedMember, string attribute)
    {
        string source = $$"""
            using SpanMarshal;
            public abstract class Base
            {
                {{baseMember}}
            }
            [GenerateTraceMarshaller]
            public class S : Base
            {
                public string? Name; public ulong TraceId, SpanId;
                {{derivedMember}}
            }
            """;

        Diagnostic diagnostic = Assert.Single(await AnalyzerHarness.RunAsync(TestCompilation.Create(source)));

        Assert.Equal(("SMG015", "Route", 4), (diagnostic.Id, Located(diagnostic), diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1));
        Assert.Equal(
            $"Member 'Route' has {attribute}, but the generated marshaller cannot read it, so it is not sent: it is hidden by 'S.Route', a member of the same name in a derived class",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Single(GeneratorHarness.Run(source).Sources);
    }

    [Fact]
    public async Task An_override_that_declares_only_a_setter_is_reported_with_where_to_put_the_attribute()
    {
        const string source = """
            using SpanMarshal;
            public abstract class Base { public virtual string? Route { get => null; set { } } }
            [GenerateTraceMarshaller]
            public class S : Base { public string? Name; public ulong TraceId, SpanId; [SpanTag("http.route")] public override string? Route { set { } } }
            """;

        Diagnostic diagnostic = Assert.Single(await AnalyzerHarness.RunAsync(TestCompilation.Create(source)));

        Assert.Equal(("SMG015", "Route"), (diagnostic.Id, Located(diagnostic)));
        Assert.EndsWith("it overrides only the set accessor; mark the property that declares the get accessor", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[SpanTag(\"http.route\")] public virtual string? Route => null;", "public override string? Route => \"/\";")]
    [InlineData("[SpanTag(\"http.route\")] public virtual string? Route => null;", "[SpanTag(\"route\")] public override string? Route => \"/\";")]
    [InlineData("[SpanTag(\"http.route\")] public virtual string? Route { get => null; set { } }", "public override string? Route { set { } }")]
    [InlineData("[SpanIgnore] public string? Route;", "public new string? Route;")]
    [InlineData("public string? Route;", "[SpanTag(\"http.route\")] public new string? Route;")]
    public async Task Overrides_ignored_and_unmarked_hidden_members_are_not_reported(string baseMember, string derivedMember)
    {
        string source = $$"""
            using SpanMarshal;
            public abstract class Base { {{baseMember}} }
            [GenerateTraceMarshaller]
            public class S : Base { public string? Name; public ulong TraceId, SpanId; {{derivedMember}} }
            """;

        Assert.Empty(await AnalyzerHarness.RunAsync(TestCompilation.Create(source)));
    }

    [Fact]
    public async Task An_override_of_a_generic_base_property_is_not_taken_for_hiding_it()
    {
        const string source = """
            using SpanMarshal;
            public abstract class Base<T> { [SpanTag("http.route")] public virtual string? Route => null; }
            public abstract class Middle<T> : Base<T> { public override string? Route => "m"; }
            [GenerateTraceMarshaller]
            public class S : Middle<int> { public string? Name; public ulong TraceId, SpanId; public override string? Route => "/"; }
            """;

        Assert.Empty(await AnalyzerHarness.RunAsync(TestCompilation.Create(source)));
    }

    [Theory]
    [InlineData("[SpanIgnore, SpanTag(\"k\")] public static string? Value;")]
    [InlineData("public static string? Value;")]
    [InlineData("public string? Value { set { } }")]
    public async Task Unmarked_or_ignored_unread_members_are_not_reported(string member)
        => Assert.Empty(await AnalyzeAsync(member));

    [Theory]
    [InlineData("public new ulong Id { set { } }")]
    [InlineData("public static new ulong Id;")]
    [InlineData("public new ulong Id() => 2;")]
    public void A_base_member_hidden_by_an_unreadable_one_is_not_read_since_span_Name_binds_to_the_hiding_one(string hiding)
    {
        // Found by the property tests: reading the base's Id as span.Id did not compile.
        string source = $$"""
            using SpanMarshal;
            public class Base { public ulong Id => 1; }
            [GenerateTraceMarshaller]
            public class S : Base { public string Name = "n"; {{hiding}} }
            public static class Probe { public static object Create() => new S(); }
            """;

        Recording r = RuntimeHarness.Marshal(source);

        Assert.Equal(0UL, r.SpanId);
    }

    [Fact]
    public void The_reported_member_is_left_out_and_the_rest_is_sent()
    {
        const string source = """
            using SpanMarshal;
            [GenerateTraceMarshaller]
            public class S
            {
                public string Name = "n";
                [SpanTag("app.version")] public static string? Version = "1.0";
                [SpanTag("http.route")] public string? Route = "/";
            }
            public static class Probe { public static object Create() => new S(); }
            """;

        Recording r = RuntimeHarness.Marshal(source);

        Assert.Equal([new("http.route", "/")], r.Meta);
    }

    private static string Span(string members)
    {
        string implements = members.Contains("IRoute.", System.StringComparison.Ordinal) ? " : IRoute" : "";
        return "using SpanMarshal;\npublic interface IRoute { string? Value { get; } }\n[GenerateTraceMarshaller]\npublic class S" + implements
            + "\n{\n    public string? Name; public ulong TraceId, SpanId;\n    " + members + "\n}";
    }

    private static async Task<List<Diagnostic>> AnalyzeAsync(string members)
        => [.. await AnalyzerHarness.RunAsync(TestCompilation.Create(Span(members)))];

    private static string Located(Diagnostic diagnostic)
        => diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
