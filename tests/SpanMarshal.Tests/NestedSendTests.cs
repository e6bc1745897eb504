using System;
using System.Linq;
using SpanMarshal.Marshalling;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Tests.Support;
using Xunit;
using static SpanMarshal.Tests.LibDatadogPipelineTests;

namespace SpanMarshal.Tests;

/// <summary>
/// A span getter that itself exports (a logger or a diagnostic hook that flushes spans) runs a
/// second send on the marshalling thread, in the middle of a span: neither send may corrupt the other.
/// </summary>
public sealed class NestedSendTests : IDisposable
{
    [ThreadStatic]
    private static Action? t_whileMarshalling;

    private readonly TestAgent _agent = TestAgent.Start();

    public void Dispose() => _agent.Dispose();

    [Fact]
    public void A_send_nested_in_a_span_getter_leaves_the_outer_spans_strings_intact()
    {
        string service = "outer-" + new string('s', 300);
        string name = "outer.operation";
        var inner = Enumerable.Range(0, 50).Select(i => new TestSpan { Service = "inner-" + i + new string('i', 300), Name = "inner." + i }).ToArray();
        using var exporter = TraceExporter.Create(ManagedHarness.Options(_agent.Url));
        t_whileMarshalling = () => Assert.True(exporter.Send<TestSpan, TestSpanMarshaller>(Traces(inner)).IsOk);
        try
        {
            Assert.True(exporter.Send<TestSpan, ExportsWhileMarshalling>(Traces([new TestSpan { Service = service, Name = name }])).IsOk);
        }
        finally
        {
            t_whileMarshalling = null;
        }

        ReceivedSpan outer = Assert.Single(_agent.Spans, s => s.Name == name);
        Assert.Equal(service, outer.Service);
        Assert.Equal(inner.Length + 1, _agent.Spans.Count);
        Assert.Empty(_agent.ValidationErrors);
    }

    // Takes its string views, lets the nested send run, then uses the views.
    private sealed class ExportsWhileMarshalling : ITraceMarshaller<TestSpan>
    {
        public static void Marshal<TSink>(TestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
        {
            TracerSpanFields fields = default;
            fields.Service = sink.Utf8(span.Service);
            fields.Name = sink.Utf8(span.Name);
            fields.SpanId = 1;
            fields.TraceIdLow = 1;
            t_whileMarshalling?.Invoke();
            sink.StartSpan(in fields);
            sink.EndSpan();
        }
    }
}
