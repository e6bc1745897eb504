using System;
using SpanMarshal.Marshalling;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Support;
using Xunit;
using static SpanMarshal.Tests.Support.Batch;

namespace SpanMarshal.Tests;

/// <summary>
/// Every send gives the thread's string cache back, however it ends: a cache that went missing
/// would make each later send allocate a new one (80 KB of it pinned).
/// </summary>
public sealed class StringCacheReturnTests : NativeTest
{
    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public void A_send_that_succeeds_gives_the_cache_back(TracePipelineKind pipeline)
        => AssertCacheComesBack(pipeline, exporter => Assert.True(exporter.Send<TestSpan, TestSpanMarshaller>(Of([new TestSpan()])).IsOk));

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public void A_send_whose_span_getter_throws_gives_the_cache_back(TracePipelineKind pipeline)
        => AssertCacheComesBack(pipeline, exporter => Assert.Throws<InvalidOperationException>(
            () => exporter.Send<TestSpan, TestSpanMarshaller>(Of([new TestSpan(), new TestSpan { Fail = FailurePoint.AfterStart }]))));

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public void A_send_refused_for_a_broken_call_order_gives_the_cache_back(TracePipelineKind pipeline)
        => AssertCacheComesBack(pipeline, exporter => Assert.Throws<InvalidOperationException>(
            () => exporter.Send<TestSpan, MisbehavingMarshallers.NeverEnds>(Of([new TestSpan()]))));

    private static void AssertCacheComesBack(TracePipelineKind pipeline, Action<TraceExporter> send)
    {
        using TestAgent agent = TestAgent.Start();
        using var exporter = TraceExporter.Create(BothPipelines.Options(pipeline, agent));
        Utf8Strings cache = Utf8Strings.Rent();
        cache.Return();

        send(exporter);

        Utf8Strings after = Utf8Strings.Rent();
        after.Return();
        Assert.Same(cache, after);
    }
}
