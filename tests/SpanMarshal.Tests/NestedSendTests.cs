using System;
using System.Collections.Generic;
using System.Linq;
using SpanMarshal.Marshalling;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Support;
using Xunit;
using static SpanMarshal.Tests.Support.Batch;

namespace SpanMarshal.Tests;

/// <summary>
/// A span getter that itself exports (a logger or a diagnostic hook that flushes spans) runs a
/// second send on the marshalling thread, in the middle of a span: neither send may corrupt the other.
/// </summary>
public sealed class NestedSendTests : NativeTest
{
    [ThreadStatic]
    private static Action? t_whileMarshalling;

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public void A_send_nested_in_a_span_getter_leaves_the_outer_spans_strings_intact(TracePipelineKind pipeline)
    {
        string service = "outer-" + new string('s', 300);
        string name = "outer.operation";
        var inner = Enumerable.Range(0, 50).Select(i => new TestSpan { Service = "inner-" + i + new string('i', 300), Name = "inner." + i }).ToArray();
        using TestAgent agent = TestAgent.Start();
        using var exporter = TraceExporter.Create(BothPipelines.Options(pipeline, agent));
        t_whileMarshalling = () => Assert.True(exporter.Send<TestSpan, TestSpanMarshaller>(Of(inner)).IsOk);
        try
        {
            Assert.True(exporter.Send<TestSpan, ExportsWhileMarshalling>(Of([new TestSpan { Service = service, Name = name }])).IsOk);
        }
        finally
        {
            t_whileMarshalling = null;
        }

        List<(string Service, string Name)> received = pipeline == TracePipelineKind.Managed
            ? [.. agent.Spans.Select(s => (s.Service, s.Name))]
            : [.. Conformance.Read().Sends.SelectMany(send => send.Chunks).SelectMany(chunk => chunk).Select(s => (s.Service, s.Name))];
        Assert.Equal(service, Assert.Single(received, s => s.Name == name).Service);
        Assert.Equal(inner.Select(s => (s.Service!, s.Name!)), received.Where(s => s.Name != name));
    }

    // Takes its string views, lets the nested send run, then uses the views.
    private readonly struct ExportsWhileMarshalling : ITraceMarshaller<TestSpan>
    {
        public static void Marshal<TSink>(TestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
        {
            TracerSpanFields fields = default;
            fields.Service = sink.Utf8(span.Service);
            fields.Name = sink.Utf8(span.Name);
            fields.SpanId = 1;
            fields.TraceIdLow = 1;
            fields.Start = 1;
            t_whileMarshalling?.Invoke();
            sink.StartSpan(in fields);
            sink.EndSpan();
        }
    }
}
