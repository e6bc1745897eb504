using System.Collections.Generic;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary><c>[SpanTag]</c> members compiled with the runtime (no warnings), run against a recording sink.</summary>
public sealed class SpanTagBehaviourTests
{
    [Fact]
    public void Every_tag_arrives_through_the_utf8_key_overloads_in_declaration_order()
    {
        Recording r = RuntimeHarness.Marshal(SpanSources.SpanTags);

        Assert.Equal(
            [new("component", "aspnet_core"), new("http.method", "GET"), new("peer.\"quoted\"\\path\tcafé", "private"), new("k", "v")],
            r.Meta);
        Assert.Equal(
            [new("http.status_code", 200.0), new("db.row_count", 1099511627776.0), new("_dd.agent_psr", 0.25), new("sample.ratio", 0.5), new("queue.depth", 7.0), new("db.ratio", 1.5)],
            r.Metrics);

        // Null members (Retries, HitRatio, Type) send nothing; the Meta dictionary follows the tags.
        Assert.Equal(
            ["Utf8", "StartSpan", "SetMeta(utf8)", "SetMeta(utf8)", "SetMetric(utf8)", "SetMetric(utf8)", "SetMetric(utf8)", "SetMetric(utf8)",
             "SetMetric(utf8)", "SetMetric(utf8)", "SetMeta(utf8)", "SetMeta", "EndSpan"],
            r.Calls);
    }

    [Fact]
    public void A_tag_named_like_a_convention_is_a_tag_and_not_the_span_field()
    {
        const string source = """
            using SpanMarshal;
            [GenerateTraceMarshaller]
            public class S
            {
                public string Name = "n";
                [SpanTag("type.tag")] public string Type = "web";
                [SpanTag("error.code")] public int Error = 3;
            }
            public static class Probe { public static object Create() => new S(); }
            """;

        Recording r = RuntimeHarness.Marshal(source);

        Assert.Equal(("", 0), (r.SpanType, r.Error));
        Assert.Equal([new("type.tag", "web")], r.Meta);
        Assert.Equal([new("error.code", 3.0)], r.Metrics);
    }

    [Fact]
    public void Private_tags_of_a_sealed_type_and_of_generic_and_overridden_bases_are_read()
    {
        const string source = """
            using SpanMarshal;
            public abstract class Base<T>
            {
                [SpanTag("base.generic")] private T _value;
                [SpanTag("http.route")] public virtual string? Route => "base";
                protected Base(T value) => _value = value;
                public override string ToString() => _value + "";
            }
            [GenerateTraceMarshaller]
            public sealed class S : Base<double?>
            {
                public string Name = "n";
                [SpanTag("db.instance")] private string _instance = "main";
                [SpanTag("db.rows")] private long Rows { get; } = 12;
                // Inherits [SpanTag("http.route")]: the attribute is Inherited = true.
                public override string? Route => "/orders/{id}";
                [SpanTag("ignored"), SpanIgnore] public string Ignored = "x";
                public S() : base(2.5) { }
                public override string ToString() => _instance + Rows;
            }
            public static class Probe { public static object Create() => new S(); }
            """;

        Recording r = RuntimeHarness.Marshal(source);

        // The override is declared in S, after Rows, so that is where its tag goes.
        Assert.Equal([new("db.instance", "main"), new("http.route", "/orders/{id}")], r.Meta);
        Assert.Equal([new("base.generic", 2.5), new("db.rows", 12.0)], r.Metrics);
        Assert.Equal(["Utf8", "StartSpan", "SetMetric(utf8)", "SetMeta(utf8)", "SetMetric(utf8)", "SetMeta(utf8)", "EndSpan"], r.Calls);
    }

    [Fact]
    public void Keys_that_need_escaping_arrive_exactly()
    {
        const string source = """
            using SpanMarshal;
            [GenerateTraceMarshaller]
            public class S
            {
                public string Name = "n";
                [SpanTag("q\"uote")] public int A = 1;
                [SpanTag("back\\slash")] public int B = 2;
                [SpanTag("tab\tnew\nline\r\0nul\u007f")] public int C = 3;
                [SpanTag("café ünï 中文")] public int D = 4;
                [SpanTag("emoji \U0001F600 \uD83D\uDE00")] public int E = 5;
                [SpanTag("separators \u2028\u2029\u0085")] public int F = 6;
                [SpanTag(@"verbatim ""x"" \n")] public int G = 7;
                [SpanTag("{0}{{}}")] public int H = 8;
            }
            public static class Probe { public static object Create() => new S(); }
            """;

        Recording r = RuntimeHarness.Marshal(source);

        Assert.Equal(
            ["q\"uote", "back\\slash", "tab\tnew\nline\r\0nul\u007f", "café ünï 中文", "emoji \U0001F600 \U0001F600", "separators \u2028\u2029\u0085", "verbatim \"x\" \\n", "{0}{{}}"],
            r.Metrics.ConvertAll(m => m.Key));
    }

    [Fact]
    public void A_span_with_only_null_tags_sends_none()
    {
        const string source = """
            using SpanMarshal;
            [GenerateTraceMarshaller]
            public class S
            {
                public string Name = "n";
                [SpanTag("a")] public string? A;
                [SpanTag("b")] public int? B;
                [SpanTag("c")] public long? C;
                [SpanTag("d")] public double? D;
                [SpanTag("e")] public float? E;
            }
            public static class Probe { public static object Create() => new S(); }
            """;

        Recording r = RuntimeHarness.Marshal(source);

        Assert.Equal(["Utf8", "StartSpan", "EndSpan"], r.Calls);
    }

    [Fact]
    public void Numbers_convert_to_double_without_loss_where_double_can_hold_them()
    {
        const string source = """
            using SpanMarshal;
            [GenerateTraceMarshaller]
            public class S
            {
                public string Name = "n";
                [SpanTag("int.min")] public int A = int.MinValue;
                [SpanTag("long.max")] public long B = long.MaxValue;
                [SpanTag("float")] public float? C = 0.1f;
                [SpanTag("nan")] public double D = double.NaN;
                [SpanTag("decimal")] public decimal E = 1.25m;
                [SpanTag("half")] public System.Half? F = (System.Half)0.5f;
                [SpanTag("ulong.max")] public ulong G = ulong.MaxValue;
                [SpanTag("sbyte")] public sbyte H = -8;
            }
            public static class Probe { public static object Create() => new S(); }
            """;

        Recording r = RuntimeHarness.Marshal(source);

        Assert.Equal(
            [new("int.min", int.MinValue), new("long.max", long.MaxValue), new("float", (double)0.1f), new KeyValuePair<string, double>("nan", double.NaN),
                new("decimal", 1.25), new("half", 0.5), new("ulong.max", ulong.MaxValue), new("sbyte", -8)],
            r.Metrics);
    }
}
