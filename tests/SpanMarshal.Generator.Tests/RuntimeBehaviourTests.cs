using System;
using System.Collections.Generic;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary>Generated code compiled with the runtime (no warnings), run against a recording sink.</summary>
public sealed class RuntimeBehaviourTests
{
    private static readonly long Epoch2024 = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    [Fact]
    public void Common_types_arrive_with_their_values()
    {
        Recording r = RuntimeHarness.Marshal(SpanSources.CommonTypes);

        Assert.Equal(("shop", "http.request", "GET /cart", "web"), (r.Service, r.Name, r.Resource, r.SpanType));
        Assert.Equal(0x1112131415161718UL, r.TraceIdLow);
        Assert.Equal(0x0102030405060708UL, r.TraceIdHigh);
        Assert.Equal(ulong.MaxValue, r.SpanId);
        Assert.Equal(7UL, r.ParentId);
        Assert.Equal(Epoch2024 + 600, r.Start);
        Assert.Equal(123_456_700L, r.Duration);
        Assert.Equal(1, r.Error);
        Assert.Equal([new("http.method", "GET"), new("peer.service", "é-ünïcode")], r.Meta);
        Assert.Equal([new("_sampling_priority_v1", 1.0), new("latency", 0.5)], r.Metrics);
        Assert.Equal(["Utf8", "Utf8", "Utf8", "Utf8", "StartSpan", "SetMeta", "SetMeta", "SetMetric", "SetMetric", "EndSpan"], r.Calls);
    }

    [Fact]
    public void Utf8_bytes_signed_ids_offsets_seconds_and_int_status_convert()
    {
        Recording r = RuntimeHarness.Marshal(SpanSources.AlternateTypes);

        Assert.Equal(("db.query", "postgres", "", ""), (r.Name, r.Service, r.Resource, r.SpanType));
        Assert.Equal(ulong.MaxValue, r.TraceIdHigh);
        Assert.Equal(42UL, r.TraceIdLow);
        Assert.Equal(ulong.MaxValue - 1, r.SpanId);
        Assert.Equal(0UL, r.ParentId);
        Assert.Equal(Epoch2024, r.Start);
        Assert.Equal(250_000_000L, r.Duration);
        Assert.Equal(1, r.Error);
        Assert.Equal([new("db.system", "postgresql"), new("absent", null)], r.Meta);
        Assert.Equal([new("retries", -1.0), new("rows", 3.0)], r.Metrics);

        // Byte members are pinned, not transcoded: only the string member goes through Utf8.
        Assert.Equal(["Utf8", "StartSpan", "SetMeta", "SetMeta", "SetMetric", "SetMetric", "EndSpan"], r.Calls);
    }

    [Fact]
    public void Single_ulong_trace_id_long_nanoseconds_lists_and_arrays_convert()
    {
        Recording r = RuntimeHarness.Marshal(SpanSources.ScalarVariants);

        Assert.Equal(("job", ""), (r.Name, r.Service));
        Assert.Equal((99UL, 0UL), (r.TraceIdLow, r.TraceIdHigh));
        Assert.Equal(1_700_000_000_123_456_789L, r.Start);
        Assert.Equal(5L, r.Duration);
        Assert.Equal(0, r.Error);
        Assert.Equal([new("k", "v")], r.Meta);
        Assert.Equal([new("count", 10.0)], r.Metrics);
    }

    [Fact]
    public void A_mixed_tag_bag_routes_strings_numbers_and_the_rest()
    {
        Recording r = RuntimeHarness.Marshal(SpanSources.TagBag);

        Assert.Equal([new("s", "text")], r.Meta);
        Assert.Equal([new("i", 3.0), new("d", 2.5), new("m", 1.5), new("f", 0.5)], r.Metrics);
        Assert.Equal(["guid"], r.Skipped);
    }

    [Fact]
    public void Private_members_of_a_partial_type_are_read_by_the_nested_marshaller()
    {
        Recording r = RuntimeHarness.Marshal(SpanSources.PrivatePartial);

        Assert.Equal(("private.op", "svc", "/route", ""), (r.Name, r.Service, r.Resource, r.SpanType));
        Assert.Equal((11UL, 12UL), (r.SpanId, r.ParentId));
        Assert.Equal([new("p", "q")], r.Meta);
    }

    [Fact]
    public void Private_and_inherited_members_of_a_sealed_type_are_read_through_UnsafeAccessor()
    {
        Recording r = RuntimeHarness.Marshal(SpanSources.UnsafeAccessor);

        Assert.Equal(("derived.op", "base-service"), (r.Name, r.Service));
        Assert.Equal(77UL, r.SpanId);
        Assert.Equal(1, r.Error);
        Assert.Equal(2_000_000L, r.Duration);
        Assert.Equal([new("m", 4.0)], r.Metrics);
    }

    [Fact]
    public void Nested_non_partial_types_keyword_names_obsolete_members_and_custom_collections_work()
    {
        Recording r = RuntimeHarness.Marshal(SpanSources.NestedCustomCollections);

        Assert.Equal(("op", "legacy"), (r.Name, r.Service));
        Assert.Equal([new("a", "1")], r.Meta);
        Assert.Equal([new("x", 1.5)], r.Metrics);
    }

    [Fact]
    public void The_README_example_marshals()
    {
        Recording r = RuntimeHarness.Marshal(SpanSources.ReadmeExample);

        Assert.Equal(("http.request", "web"), (r.Name, r.Service));
        Assert.Equal((3UL, 0UL, 4UL, 1), (r.TraceIdLow, r.TraceIdHigh, r.SpanId, r.Error));
    }

    [Fact]
    public void A_property_is_read_instead_of_its_backing_field()
    {
        const string source = """
            using SpanMarshal;
            [GenerateTraceMarshaller]
            public class S
            {
                private string? _name = "field";
                public string Name => (_name ?? "") + "+property";
            }
            public static class Probe { public static object Create() => new S(); }
            """;

        Assert.Equal("field+property", RuntimeHarness.Marshal(source).Name);
    }

    [Fact]
    public void An_override_without_attributes_keeps_the_SpanIgnore_of_the_property_it_overrides()
    {
        const string source = """
            using SpanMarshal;
            public abstract class Base { [SpanIgnore] public virtual string? Service => "base"; }
            [GenerateTraceMarshaller]
            public class S : Base { public string Name = "n"; public override string? Service => "derived"; }
            public static class Probe { public static object Create() => new S(); }
            """;

        Recording r = RuntimeHarness.Marshal(source);

        // Without the base's [SpanIgnore], the override would fill Service by convention.
        Assert.Equal(("n", ""), (r.Name, r.Service));
        Assert.Equal(["Utf8", "StartSpan", "EndSpan"], r.Calls);
    }

    [Fact]
    public void An_override_without_attributes_keeps_the_SpanField_mapping_of_the_property_it_overrides()
    {
        const string source = """
            using SpanMarshal;
            public abstract class Base
            {
                [SpanField(SpanField.Resource)] public virtual string? Route => "base";
                [SpanField(SpanField.SpanId)] public virtual ulong Key => 1;
            }
            [GenerateTraceMarshaller]
            public class S : Base
            {
                public string Name = "n";
                public override string? Route => "/derived";
                public override ulong Key => 42;
            }
            public static class Probe { public static object Create() => new S(); }
            """;

        Recording r = RuntimeHarness.Marshal(source);

        // The override's value, sent where the base's attribute maps it.
        Assert.Equal(("n", "/derived", 42UL), (r.Name, r.Resource, r.SpanId));
    }

    [Fact]
    public void A_partial_positional_record_derived_from_a_closed_generic_record_works()
    {
        const string source = """
            using SpanMarshal;
            namespace Orders;
            public abstract record SpanBase<TId> { public TId? SpanId { get; init; } }
            [GenerateTraceMarshaller]
            public sealed partial record OrderSpan(string Name, long ParentId) : SpanBase<ulong>;
            public static class Probe { public static object Create() => new OrderSpan("order", -1) { SpanId = 9 }; }
            """;

        Recording r = RuntimeHarness.Marshal(source);

        Assert.Equal(("order", 9UL, ulong.MaxValue), (r.Name, r.SpanId, r.ParentId));
    }

    [Fact]
    public void Null_members_become_empty_strings_and_absent_tags()
    {
        const string source = """
            using System.Collections.Generic;
            using SpanMarshal;
            [GenerateTraceMarshaller]
            public class S
            {
                public string? Name;
                public byte[]? Service;
                public Dictionary<string, string>? Meta;
                public IDictionary<string, object?>? Metrics2;
                [SpanField(SpanField.Metrics)] public IReadOnlyDictionary<string, double>? Numbers;
            }
            public static class Probe { public static object Create() => new S(); }
            """;

        Recording r = RuntimeHarness.Marshal(source);

        Assert.Equal(("", ""), (r.Name, r.Service));
        Assert.Empty(r.Meta);
        Assert.Empty(r.Metrics);
        Assert.Equal(["Utf8", "StartSpan", "EndSpan"], r.Calls);
    }
}
