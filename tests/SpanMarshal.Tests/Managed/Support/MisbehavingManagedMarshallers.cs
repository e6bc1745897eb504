using SpanMarshal.Marshalling;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>Marshallers that break the sink's call order, as a generator bug would.</summary>
public static class MisbehavingManagedMarshallers
{
    public sealed class StartsTwice : ITraceMarshaller<ManagedTestSpan>
    {
        public static void Marshal<TSink>(ManagedTestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
        {
            TracerSpanFields fields = default;
            sink.StartSpan(in fields);
            sink.StartSpan(in fields);
            sink.EndSpan();
        }
    }

    public sealed class TagsBeforeStart : ITraceMarshaller<ManagedTestSpan>
    {
        public static void Marshal<TSink>(ManagedTestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
        {
            sink.SetMetric("k", 1);
            TracerSpanFields fields = default;
            sink.StartSpan(in fields);
            sink.EndSpan();
        }
    }

    public sealed class Utf8KeyedTagBeforeStart : ITraceMarshaller<ManagedTestSpan>
    {
        public static void Marshal<TSink>(ManagedTestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
        {
            sink.SetMeta("k"u8, "v");
            TracerSpanFields fields = default;
            sink.StartSpan(in fields);
            sink.EndSpan();
        }
    }

    public sealed class EndsWithoutStart : ITraceMarshaller<ManagedTestSpan>
    {
        public static void Marshal<TSink>(ManagedTestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
            => sink.EndSpan();
    }

    public sealed class NeverEnds : ITraceMarshaller<ManagedTestSpan>
    {
        public static void Marshal<TSink>(ManagedTestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
        {
            TracerSpanFields fields = default;
            sink.StartSpan(in fields);
        }
    }
}
