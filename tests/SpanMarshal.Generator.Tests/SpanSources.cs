using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary>
/// The matrix of span shapes: each is snapshotted and also compiled, run and checked field by
/// field. <c>Probe.Create()</c> builds the instance the runtime tests marshal.
/// </summary>
internal static class SpanSources
{
    /// <summary>Every shape, by name, as theory data.</summary>
    public static TheoryData<string, string> Shapes => new()
    {
        { nameof(CommonTypes), CommonTypes },
        { nameof(AlternateTypes), AlternateTypes },
        { nameof(ScalarVariants), ScalarVariants },
        { nameof(TagBag), TagBag },
        { nameof(PrivatePartial), PrivatePartial },
        { nameof(UnsafeAccessor), UnsafeAccessor },
        { nameof(NestedCustomCollections), NestedCustomCollections },
        { nameof(ReadmeExample), ReadmeExample },
        { nameof(SpanTags), SpanTags },
    };

    public const string CommonTypes = """
        using System;
        using System.Collections.Generic;
        using SpanMarshal;

        namespace Shop.Tracing;

        [GenerateTraceMarshaller]
        public sealed class WebSpan
        {
            public string? Service { get; set; }
            public string OperationName { get; set; } = "";
            public string? Resource { get; set; }
            public string? Type { get; set; }
            public UInt128 TraceId { get; set; }
            public ulong SpanId { get; set; }
            public ulong ParentId { get; set; }
            public DateTime Start { get; set; }
            public TimeSpan Duration { get; set; }
            public bool Error { get; set; }
            public Dictionary<string, string> Meta { get; } = new();
            public Dictionary<string, double> Metrics { get; } = new();
        }

        public static class Probe
        {
            public static object Create()
            {
                var span = new WebSpan
                {
                    Service = "shop",
                    OperationName = "http.request",
                    Resource = "GET /cart",
                    Type = "web",
                    TraceId = new UInt128(0x0102030405060708UL, 0x1112131415161718UL),
                    SpanId = ulong.MaxValue,
                    ParentId = 7,
                    Start = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(6),
                    Duration = TimeSpan.FromTicks(1_234_567),
                    Error = true,
                };
                span.Meta["http.method"] = "GET";
                span.Meta["peer.service"] = "é-ünïcode";
                span.Metrics["_sampling_priority_v1"] = 1;
                span.Metrics["latency"] = 0.5;
                return span;
            }
        }
        """;

    public const string AlternateTypes = """
        using System;
        using System.Collections.Generic;
        using System.Text;
        using SpanMarshal;

        namespace Shop.Tracing;

        [GenerateTraceMarshaller]
        public class Utf8Span
        {
            public byte[]? Name;
            public ReadOnlyMemory<byte> ServiceName;
            public byte[]? ResourceName;
            public string? SpanType;
            public long TraceIdHigh;
            public ulong TraceIdLow;
            public long Id;
            public long ParentId;
            public DateTimeOffset StartTime;
            public double Duration;
            public int Status;
            public IDictionary<string, string?>? Tags;
            public IReadOnlyDictionary<string, int>? Metrics;
        }

        public static class Probe
        {
            public static object Create() => new Utf8Span
            {
                Name = Encoding.UTF8.GetBytes("db.query"),
                ServiceName = Encoding.UTF8.GetBytes("xxpostgresxx").AsMemory(2, 8),
                ResourceName = null,
                SpanType = null,
                TraceIdHigh = -1,
                TraceIdLow = 42,
                Id = -2,
                ParentId = 0,
                StartTime = new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2)),
                Duration = 0.25,
                Status = 500,
                Tags = new Dictionary<string, string?> { ["db.system"] = "postgresql", ["absent"] = null },
                Metrics = new SortedDictionary<string, int> { ["rows"] = 3, ["retries"] = -1 },
            };
        }
        """;

    public const string ScalarVariants = """
        using System;
        using System.Collections.Generic;
        using SpanMarshal;

        [GenerateTraceMarshaller]
        public record class GlobalSpan
        {
            public string Name { get; init; } = "";
            public ulong TraceId { get; init; }
            public long Start { get; init; }
            public long Duration { get; init; }
            public int IsError { get; init; }
            public DateTime Unused { get; init; }
            public List<KeyValuePair<string, string>> Meta { get; init; } = new();
            public KeyValuePair<string, long>[] Metrics { get; init; } = Array.Empty<KeyValuePair<string, long>>();
        }

        public static class Probe
        {
            public static object Create() => new GlobalSpan
            {
                Name = "job",
                TraceId = 99,
                Start = 1_700_000_000_123_456_789,
                Duration = 5,
                IsError = 0,
                Meta = new() { new("k", "v") },
                Metrics = new KeyValuePair<string, long>[] { new("count", 10L) },
            };
        }
        """;

    public const string TagBag = """
        using System;
        using System.Collections.Generic;
        using SpanMarshal;

        namespace Shop.Tracing;

        [GenerateTraceMarshaller]
        public sealed class BagSpan
        {
            public string Name = "bag";
            public IDictionary<string, object?> Tags = new Dictionary<string, object?>();
            public IEnumerable<KeyValuePair<string, float>>? Metrics;
        }

        public static class Probe
        {
            public static object Create()
            {
                var span = new BagSpan();
                span.Tags["s"] = "text";
                span.Tags["i"] = 3;
                span.Tags["d"] = 2.5;
                span.Tags["m"] = 1.5m;
                span.Tags["none"] = null;
                span.Tags["guid"] = Guid.Empty;
                span.Metrics = new List<KeyValuePair<string, float>> { new("f", 0.5f) };
                return span;
            }
        }
        """;

    public const string PrivatePartial = """
        using System;
        using System.Collections.Generic;
        using SpanMarshal;

        namespace Shop.Tracing;

        public static partial class Outer
        {
            internal partial class Middle
            {
                [GenerateTraceMarshaller]
                public partial class PrivateSpan
                {
                    private readonly string _name;
                    private string? m_service = "svc";
                    private ulong _spanId = 11;
                    protected internal long ParentId { get; private set; } = 12;
                    private Dictionary<string, string>? _meta = new() { ["p"] = "q" };

                    [SpanField(SpanField.Resource)]
                    private string Route => "/route";

                    [SpanIgnore]
                    public string Type => "ignored";

                    public PrivateSpan(string name) => _name = name;
                }
            }
        }

        public static class Probe
        {
            public static object Create() => new Outer.Middle.PrivateSpan("private.op");
        }
        """;

    public const string UnsafeAccessor = """
        using System;
        using System.Collections.Generic;
        using SpanMarshal;

        namespace Shop.Tracing;

        public abstract class SpanBase<T>
        {
            private readonly ulong _spanId;
            protected T? Payload;
            private string Service { get; } = "base-service";
            protected SpanBase(ulong spanId) => _spanId = spanId;
            public override string ToString() => _spanId + Service;
        }

        [GenerateTraceMarshaller]
        public sealed class DerivedSpan : SpanBase<int>
        {
            private readonly string _name = "derived.op";
            private bool IsError { get; } = true;
            internal TimeSpan Duration = TimeSpan.FromMilliseconds(2);
            private SortedList<string, double> _metrics = new() { ["m"] = 4 };

            public DerivedSpan() : base(77)
            {
            }

            public override string ToString() => _name + _metrics.Count + IsError;
        }

        public static class Probe
        {
            public static object Create() => new DerivedSpan();
        }
        """;

    public const string NestedCustomCollections = """
        using System;
        using System.Collections;
        using System.Collections.Generic;
        using SpanMarshal;

        namespace Shop.Tracing;

        /// <summary>Its public GetEnumerator yields keys, so foreach must go through the interface.</summary>
        public sealed class KeyedTags : IEnumerable<KeyValuePair<string, string>>
        {
            private readonly Dictionary<string, string> _items = new();
            public void Add(string key, string value) => _items.Add(key, value);
            public IEnumerator<string> GetEnumerator() => _items.Keys.GetEnumerator();
            IEnumerator<KeyValuePair<string, string>> IEnumerable<KeyValuePair<string, string>>.GetEnumerator() => _items.GetEnumerator();
            IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
        }

        /// <summary>A struct collection with a struct enumerator: enumerated without boxing or a null check.</summary>
        public readonly struct MetricSet(List<KeyValuePair<string, double>> items) : IEnumerable<KeyValuePair<string, double>>
        {
            public List<KeyValuePair<string, double>>.Enumerator GetEnumerator() => items.GetEnumerator();
            IEnumerator<KeyValuePair<string, double>> IEnumerable<KeyValuePair<string, double>>.GetEnumerator() => GetEnumerator();
            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }

        public static class Telemetry
        {
            [GenerateTraceMarshaller]
            public class @event
            {
                [SpanField(SpanField.Name)]
                public string @operator = "op";

                [Obsolete("kept for old dashboards")]
                public string? Service { get; set; } = "legacy";

                public KeyedTags Meta { get; } = new() { { "a", "1" } };

                public MetricSet Metrics { get; set; } = new(new() { new("x", 1.5) });
            }
        }

        public static class Probe
        {
            public static object Create() => new Telemetry.@event();
        }
        """;

    /// <summary>The span type README.md shows; its snapshot is the README's generated code, unabridged.</summary>
    public const string ReadmeExample = """
        using System;
        using System.Collections.Generic;
        using SpanMarshal;

        [GenerateTraceMarshaller]
        public sealed partial class WebSpan
        {
            private string _operation = "http.request";
            [SpanField(SpanField.Name)] private string Op => _operation;
            public string? Service { get; set; }
            public UInt128 TraceId { get; set; }
            public ulong SpanId { get; set; }
            public DateTime Start { get; set; }
            public TimeSpan Duration { get; set; }
            public bool Error { get; set; }
            public Dictionary<string, string> Meta { get; } = new();
            [SpanIgnore] public string? Debug { get; set; }
        }

        public static class Probe
        {
            public static object Create() => new WebSpan { Service = "web", TraceId = 3, SpanId = 4, Error = true };
        }
        """;

    /// <summary>
    /// <c>[SpanTag]</c> members of every accepted type, private (read by the nested marshaller),
    /// inherited from a base class (through UnsafeAccessor), with a key that needs escaping, named
    /// like a convention, next to a Meta dictionary.
    /// </summary>
    public const string SpanTags = """
        using System;
        using System.Collections.Generic;
        using SpanMarshal;

        namespace Shop.Tracing;

        public abstract class HttpSpanBase
        {
            [SpanTag("component")]
            private string _component = "aspnet_core";

            public override string ToString() => _component;
        }

        [GenerateTraceMarshaller]
        public sealed partial class TaggedSpan : HttpSpanBase
        {
            public string Name { get; set; } = "http.request";

            [SpanTag("http.method")]
            public string? HttpMethod { get; set; }

            [SpanTag("http.status_code")]
            public int StatusCode { get; set; }

            [SpanTag("db.row_count")]
            public long RowCount;

            [SpanTag("_dd.agent_psr")]
            public double AgentRate;

            [SpanTag("sample.ratio")]
            public float Ratio;

            [SpanTag("retry.count")]
            public int? Retries;

            [SpanTag("queue.depth")]
            public long? QueueDepth;

            [SpanTag("cache.hit_ratio")]
            public double? HitRatio;

            [SpanTag("db.ratio")]
            public float? DbRatio;

            [SpanTag("peer.\"quoted\"\\path\tcaf\u00e9")]
            private string? _peer = "private";

            // Named like the span type's convention, but a tag.
            [SpanTag("type.tag")]
            public string? Type { get; set; }

            public Dictionary<string, string> Meta { get; } = new();

            public override string ToString() => _peer ?? "";
        }

        public static class Probe
        {
            public static object Create()
            {
                var span = new TaggedSpan
                {
                    HttpMethod = "GET",
                    StatusCode = 200,
                    RowCount = 1L << 40,
                    AgentRate = 0.25,
                    Ratio = 0.5f,
                    Retries = null,
                    QueueDepth = 7,
                    HitRatio = null,
                    DbRatio = 1.5f,
                    Type = null,
                };
                span.Meta["k"] = "v";
                return span;
            }
        }
        """;
}
