using System;
using SpanMarshal.Marshalling.Sinks;
using SpanMarshal.Native;

namespace SpanMarshal.Pipelines.LibDatadog;

/// <summary>A native chunk set ready to send, with what marshalling counted. Disposing frees the chunks unless a send consumed them.</summary>
internal sealed class MarshalledBatch : IDisposable
{
    public MarshalledBatch(TraceChunksHandle chunks, BatchTally tally)
    {
        Chunks = chunks;
        Tally = tally;
    }

    public TraceChunksHandle Chunks { get; }

    /// <summary>What marshalling counted.</summary>
    public BatchTally Tally { get; }

    public void Dispose() => Chunks.Dispose();
}
