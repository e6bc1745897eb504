using SpanMarshal.Marshalling;

namespace SpanMarshal.Tests.Support;

/// <summary>Marshallers that break the sink's call order, as a generator bug would.</summary>
public static class MisbehavingMarshallers
{
    public sealed class StartsTwice : ITraceMarshaller<TestSpan>
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

    public sealed class TagsBeforeStart : ITraceMarshaller<TestSpan>
    {
        public static void Marshal<TSink>(TestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
        {
            sink.SetMeta("k", "v");
            TracerSpanFields fields = default;
            sink.StartSpan(in fields);
            sink.EndSpan();
        }
    }

    public sealed class EndsWithoutStart : ITraceMarshaller<TestSpan>
    {
        public static void Marshal<TSink>(TestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
            => sink.EndSpan();
    }
}
