using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.EndToEnd;

/// <summary>Each span is marshalled by its runtime type's marshaller (or its nearest marked base's), in both pipelines.</summary>
public sealed class DispatchTests : NativeTest
{
    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task Derived_spans_in_a_base_typed_list_keep_their_own_members(TracePipelineKind pipeline)
    {
        IReadOnlyList<IReadOnlyList<HttpBaseSpan>> traces =
        [
            [new HttpBaseSpan { SpanId = 1 }, new HttpClientSpan { SpanId = 2, Method = "POST" }, new PlainHttpSpan { SpanId = 3, Comment = "not sent" }],
            [new HttpClientSpan { SpanId = 4, PeerHost = "stock.internal", Retries = 0 }],
        ];

        (TraceExporterResponse response, var received) = await BothPipelines.SendAsync(pipeline, traces);

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal(
            [
                (1UL, "http.method=GET", ""),
                (2UL, "http.method=POST,peer.hostname=payments.internal", "http.retries=2"),
                (3UL, "http.method=GET", ""),
                (4UL, "http.method=GET,peer.hostname=stock.internal", "http.retries=0"),
            ],
            received.SelectMany(t => t).Select(s => (s.SpanId, Tags(s.Meta), Tags(s.Metrics))));
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task A_declared_type_without_a_marshaller_marshals_each_span_by_its_runtime_type(TracePipelineKind pipeline)
    {
        IReadOnlyList<IReadOnlyList<SpanModel>> traces = [[new DbSpan { SpanId = 1, Statement = "SELECT 1" }, new CacheSpan { SpanId = 2 }]];

        (TraceExporterResponse response, var received) = await BothPipelines.SendAsync(pipeline, traces);

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal(
            [(1UL, "db.query", "db.statement=SELECT 1", ""), (2UL, "cache.get", "", "cache.hit=1")],
            received.SelectMany(t => t).Select(s => (s.SpanId, s.Name, Tags(s.Meta), Tags(s.Metrics))));
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task A_sealed_type_with_no_marshaller_in_its_hierarchy_is_refused_before_anything_is_sent(TracePipelineKind pipeline)
    {
        await using TestAgent agent = TestAgent.Start();
        using var exporter = TraceExporter.Create(BothPipelines.Options(pipeline, agent));

        var ex = Assert.Throws<InvalidOperationException>(() => exporter.Send<UnmarkedSpan>([[new UnmarkedSpan { SpanId = 1 }]]));

        Assert.Contains(typeof(UnmarkedSpan).FullName!, ex.Message, StringComparison.Ordinal);
        Assert.Contains("[GenerateTraceMarshaller]", ex.Message, StringComparison.Ordinal);
        Assert.Empty(agent.Requests);
        Assert.Empty(Conformance.Read().Sends);
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task A_span_no_marshaller_covers_fails_the_send_and_frees_what_was_built(TracePipelineKind pipeline)
    {
        await using TestAgent agent = TestAgent.Start();
        using var exporter = TraceExporter.Create(BothPipelines.Options(pipeline, agent));

        var ex = Assert.Throws<InvalidOperationException>(() => exporter.Send<object>([[new DbSpan { SpanId = 1 }, new UnmarkedSpan()]]));

        Assert.Contains(typeof(UnmarkedSpan).FullName!, ex.Message, StringComparison.Ordinal);
        Assert.Empty(agent.Requests);
        Assert.Empty(Conformance.Read().Sends); // the base class checks that no native object is left alive
    }

    private static string Tags<T>(IReadOnlyDictionary<string, T> tags)
        => string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => FormattableString.Invariant($"{t.Key}={t.Value}")));
}
