using System;
using SpanMarshal.Tests.Support;
using Xunit;
using static SpanMarshal.Tests.LibDatadogPipelineTests;

namespace SpanMarshal.Tests;

/// <summary>A marshaller that breaks the sink's call order gets a clear error, and nothing native leaks (checked after each test).</summary>
public class SinkContractTests : NativeTest
{
    [Fact]
    public void Starting_a_span_twice_is_refused()
        => AssertRefused<MisbehavingMarshallers.StartsTwice>("StartSpan was called twice");

    [Fact]
    public void A_tag_before_StartSpan_is_refused()
        => AssertRefused<MisbehavingMarshallers.TagsBeforeStart>("outside StartSpan/EndSpan");

    [Fact]
    public void EndSpan_without_StartSpan_is_refused()
        => AssertRefused<MisbehavingMarshallers.EndsWithoutStart>("outside StartSpan/EndSpan");

    private static void AssertRefused<TMarshaller>(string message)
        where TMarshaller : Marshalling.ITraceMarshaller<TestSpan>
    {
        using var exporter = TraceExporter.Create(Conformance.Options());

        var ex = Assert.Throws<InvalidOperationException>(() => exporter.Send<TestSpan, TMarshaller>(Traces([new TestSpan(), new TestSpan()])));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Empty(Conformance.Read().Sends);
    }
}
