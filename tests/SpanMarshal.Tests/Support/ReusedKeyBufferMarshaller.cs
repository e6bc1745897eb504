using System;
using System.Collections.Generic;
using System.Text;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Tests.Support;

/// <summary>Writes every meta key as UTF-8 from one reused buffer on the heap: the same address, other bytes each time.</summary>
public readonly struct ReusedKeyBufferMarshaller : ITraceMarshaller<TestSpan>
{
    private static readonly byte[] KeyBuffer = new byte[256];

    public static void Marshal<TSink>(TestSpan span, ref TSink sink)
        where TSink : struct, ISpanSink
    {
        TracerSpanFields fields = TestSpanMarshaller.ReadFields(span, ref sink);
        sink.StartSpan(in fields);
        foreach (KeyValuePair<string, string?> tag in span.Meta ?? [])
        {
            int length = Encoding.UTF8.GetBytes(tag.Key, KeyBuffer);
            sink.SetMeta(KeyBuffer.AsSpan(0, length), tag.Value);
        }

        sink.EndSpan();
    }
}
