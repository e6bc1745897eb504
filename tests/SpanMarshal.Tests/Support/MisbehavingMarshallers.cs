using SpanMarshal.Marshalling;

namespace SpanMarshal.Tests.Support;

/// <summary>Marshallers that break the sink's call order, as a generator bug or a wrong hand-written marshaller would.</summary>
public static class MisbehavingMarshallers
{
    public readonly struct StartsTwice : ITraceMarshaller<TestSpan>
    {
        public static void Marshal<TSink>(TestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
        {
            TracerSpanFields fields = default;
            fields.Name = sink.Utf8(span.Name);
            sink.StartSpan(in fields);
            sink.StartSpan(in fields);
            sink.EndSpan();
        }
    }

    public readonly struct MetaBeforeStart : ITraceMarshaller<TestSpan>
    {
        public static void Marshal<TSink>(TestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
        {
            sink.SetMeta("k", "v");
            Valid(ref sink);
        }
    }

    // A null value adds nothing, but the call is still out of order.
    public readonly struct NullMetaBeforeStart : ITraceMarshaller<TestSpan>
    {
        public static void Marshal<TSink>(TestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
        {
            sink.SetMeta("k", null);
            Valid(ref sink);
        }
    }

    public readonly struct Utf8KeyedMetaBeforeStart : ITraceMarshaller<TestSpan>
    {
        public static void Marshal<TSink>(TestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
        {
            sink.SetMeta("k"u8, "v");
            Valid(ref sink);
        }
    }

    public readonly struct MetricBeforeStart : ITraceMarshaller<TestSpan>
    {
        public static void Marshal<TSink>(TestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
        {
            sink.SetMetric("k"u8, 1);
            Valid(ref sink);
        }
    }

    public readonly struct SkipBeforeStart : ITraceMarshaller<TestSpan>
    {
        public static void Marshal<TSink>(TestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
        {
            sink.SkipTag("k");
            Valid(ref sink);
        }
    }

    public readonly struct EndsWithoutStart : ITraceMarshaller<TestSpan>
    {
        public static void Marshal<TSink>(TestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
            => sink.EndSpan();
    }

    public readonly struct NeverEnds : ITraceMarshaller<TestSpan>
    {
        public static void Marshal<TSink>(TestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
        {
            TracerSpanFields fields = default;
            fields.Name = sink.Utf8(span.Name);
            sink.StartSpan(in fields);
        }
    }

    private static void Valid<TSink>(ref TSink sink)
        where TSink : struct, ISpanSink
    {
        TracerSpanFields fields = default;
        sink.StartSpan(in fields);
        sink.EndSpan();
    }
}
