using System.Collections.Generic;

namespace SpanMarshal.Marshalling;

/// <summary>
/// Walks a batch of traces through one span type's marshaller. One instance per span type,
/// created at registration; the batch loop is specialised per sink, so the only dynamic
/// dispatch is one call per batch.
/// </summary>
/// <typeparam name="TSpan">The span class.</typeparam>
public abstract class TraceWriter<TSpan>
    where TSpan : class
{
    private protected TraceWriter()
    {
    }

    internal abstract void Write<TSink>(IReadOnlyList<IReadOnlyList<TSpan>> traces, ref TSink sink)
        where TSink : struct, ITraceSink;
}

/// <summary>The <see cref="TraceWriter{TSpan}"/> of a statically known marshaller.</summary>
internal sealed class TraceWriter<TSpan, TMarshaller> : TraceWriter<TSpan>
    where TSpan : class
    where TMarshaller : ITraceMarshaller<TSpan>
{
    internal static readonly TraceWriter<TSpan, TMarshaller> Instance = new();

    internal override void Write<TSink>(IReadOnlyList<IReadOnlyList<TSpan>> traces, ref TSink sink)
    {
        for (int t = 0; t < traces.Count; t++)
        {
            IReadOnlyList<TSpan>? chunk = traces[t];
            if (chunk is null)
            {
                sink.ReportBadSpan("a trace in the batch is null");
                continue;
            }

            sink.BeginChunk(chunk.Count);
            WriteChunk(chunk, ref sink);
            sink.EndChunk();
        }
    }

    // Kept out of Write so the JIT's inlining budget goes to the per-span marshaller.
    private static void WriteChunk<TSink>(IReadOnlyList<TSpan> chunk, ref TSink sink)
        where TSink : struct, ITraceSink
    {
        for (int s = 0; s < chunk.Count; s++)
        {
            TSpan? span = chunk[s];
            if (span is null)
            {
                sink.ReportBadSpan("a span in the trace is null");
                continue;
            }

            TMarshaller.Marshal(span, ref sink);
        }
    }
}
