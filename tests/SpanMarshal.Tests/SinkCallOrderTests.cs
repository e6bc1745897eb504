using System;
using SpanMarshal.Marshalling;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Support;
using Xunit;
using static SpanMarshal.Tests.Support.Batch;

namespace SpanMarshal.Tests;

/// <summary>
/// A marshaller that breaks the sink's call order gets the same clear error from both
/// pipelines, nothing is sent, and nothing native leaks (checked after each test).
/// </summary>
public sealed class SinkCallOrderTests : NativeTest
{
    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public void Starting_a_span_twice_is_refused(TracePipelineKind pipeline)
        => AssertRefused<MisbehavingMarshallers.StartsTwice>(pipeline, SinkMisuse.StartedTwice);

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public void A_meta_tag_before_StartSpan_is_refused(TracePipelineKind pipeline)
        => AssertRefused<MisbehavingMarshallers.MetaBeforeStart>(pipeline, SinkMisuse.TagOutsideSpan);

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public void A_null_meta_tag_before_StartSpan_is_refused(TracePipelineKind pipeline)
        => AssertRefused<MisbehavingMarshallers.NullMetaBeforeStart>(pipeline, SinkMisuse.TagOutsideSpan);

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public void A_utf8_keyed_tag_before_StartSpan_is_refused(TracePipelineKind pipeline)
        => AssertRefused<MisbehavingMarshallers.Utf8KeyedMetaBeforeStart>(pipeline, SinkMisuse.TagOutsideSpan);

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public void A_metric_before_StartSpan_is_refused(TracePipelineKind pipeline)
        => AssertRefused<MisbehavingMarshallers.MetricBeforeStart>(pipeline, SinkMisuse.TagOutsideSpan);

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public void A_skipped_tag_before_StartSpan_is_refused(TracePipelineKind pipeline)
        => AssertRefused<MisbehavingMarshallers.SkipBeforeStart>(pipeline, SinkMisuse.TagOutsideSpan);

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public void EndSpan_without_StartSpan_is_refused(TracePipelineKind pipeline)
        => AssertRefused<MisbehavingMarshallers.EndsWithoutStart>(pipeline, SinkMisuse.EndOutsideSpan);

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public void A_span_never_ended_is_refused_when_its_trace_ends(TracePipelineKind pipeline)
        => AssertRefused<MisbehavingMarshallers.NeverEnds>(pipeline, SinkMisuse.NeverEnded, spans: 1);

    private static void AssertRefused<TMarshaller>(TracePipelineKind pipeline, string message, int spans = 2)
        where TMarshaller : struct, ITraceMarshaller<TestSpan>
    {
        using TestAgent agent = TestAgent.Start();
        using var exporter = TraceExporter.Create(BothPipelines.Options(pipeline, agent));
        TestSpan[] trace = spans == 1 ? [new TestSpan()] : [new TestSpan(), new TestSpan()];

        var ex = Assert.Throws<InvalidOperationException>(() => exporter.Send<TestSpan, TMarshaller>(Of(trace)));

        Assert.Equal(message, ex.Message);
        Assert.Empty(agent.Requests);
        Assert.Empty(Conformance.Read().Sends);
    }
}
