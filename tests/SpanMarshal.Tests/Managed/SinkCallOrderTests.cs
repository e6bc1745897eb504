using System;
using System.Linq;
using SpanMarshal.Marshalling;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Testing;
using Xunit;

namespace SpanMarshal.Tests.Managed;

/// <summary>A marshaller that breaks the sink's call order gets a clear error and nothing is sent, as on the libdatadog path.</summary>
public sealed class SinkCallOrderTests : IDisposable
{
    private readonly TestAgent _agent = TestAgent.Start();

    public void Dispose() => _agent.Dispose();

    [Fact]
    public void Starting_a_span_twice_is_refused() => AssertRefused<MisbehavingManagedMarshallers.StartsTwice>("StartSpan was called twice");

    [Fact]
    public void A_tag_before_StartSpan_is_refused() => AssertRefused<MisbehavingManagedMarshallers.TagsBeforeStart>("outside StartSpan/EndSpan");

    [Fact]
    public void A_utf8_keyed_tag_before_StartSpan_is_refused() => AssertRefused<MisbehavingManagedMarshallers.Utf8KeyedTagBeforeStart>("outside StartSpan/EndSpan");

    [Fact]
    public void EndSpan_without_StartSpan_is_refused() => AssertRefused<MisbehavingManagedMarshallers.EndsWithoutStart>("outside StartSpan/EndSpan");

    [Fact]
    public void A_span_never_ended_is_refused_when_its_chunk_ends() => AssertRefused<MisbehavingManagedMarshallers.NeverEnds>("EndSpan is missing", spans: 1);

    private void AssertRefused<TMarshaller>(string message, int spans = 2)
        where TMarshaller : ITraceMarshaller<ManagedTestSpan>
    {
        using var exporter = TraceExporter.Create(ManagedHarness.Options(_agent.Url));

        var ex = Assert.Throws<InvalidOperationException>(() => exporter.Send<ManagedTestSpan, TMarshaller>([[.. Enumerable.Range(0, spans).Select(_ => new ManagedTestSpan())]]));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Empty(_agent.Requests);
    }
}
