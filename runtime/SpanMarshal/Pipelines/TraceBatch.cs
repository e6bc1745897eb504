using System;
using System.Collections.Generic;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Pipelines;

/// <summary>
/// A pipeline's pending traces: marshalled into it (in one call or many), then sent by the
/// pipeline, which empties it for the next fill. Not thread-safe: one marshalling or sending
/// caller at a time. Disposing frees whatever it still holds.
/// </summary>
internal abstract class TraceBatch : IDisposable
{
    /// <summary>What marshalling counted since the batch was last sent.</summary>
    public BatchTally Tally { get; protected set; }

    /// <summary>True when the batch holds a request's worth: marshalling stops before the next trace.</summary>
    public abstract bool IsFull { get; }

    /// <summary>The spans marshalled and not yet sent.</summary>
    public abstract int SpanCount { get; }

    /// <summary>
    /// The bytes the marshalled spans take, where the pipeline can tell: the managed pipeline's
    /// encoded traces. 0 where it cannot: libdatadog builds spans in native memory.
    /// </summary>
    public virtual int ByteCount => 0;

    /// <summary>True when a send would have nothing to send (what marshalling counted may still need reporting).</summary>
    public virtual bool IsEmpty => SpanCount == 0;

    /// <summary>
    /// Marshals traces from <paramref name="firstTrace"/> on the calling thread until the batch is
    /// full. When a span getter throws, the trace it was in is rolled back (the traces before it
    /// stay) and the exception propagates.
    /// </summary>
    /// <returns>The index of the first trace not marshalled.</returns>
    public abstract int Marshal<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, int firstTrace, BatchMarshaller<TSpan> marshaller)
        where TSpan : class;

    /// <summary>Takes what marshalling counted and starts counting again (the pipeline calls it once the traces are sent).</summary>
    public BatchTally TakeTally()
    {
        BatchTally tally = Tally;
        Tally = default;
        return tally;
    }

    /// <inheritdoc/>
    public abstract void Dispose();
}
