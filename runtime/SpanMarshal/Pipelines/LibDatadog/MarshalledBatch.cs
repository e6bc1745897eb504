using System;
using SpanMarshal.Native;

namespace SpanMarshal.Pipelines.LibDatadog;

/// <summary>A native chunk set ready to send, with what marshalling counted. Disposing frees the chunks unless a send consumed them.</summary>
internal sealed class MarshalledBatch : IDisposable
{
    public MarshalledBatch(TraceChunksHandle chunks, in LibDatadogSink sink)
    {
        Chunks = chunks;
        TraceCount = sink.ChunkCount;
        SpanCount = sink.SpanCount;
        DroppedSpanCount = sink.DroppedSpanCount;
        SkippedTagCount = sink.SkippedTagCount;
        FirstDropReason = sink.FirstDropReason;
    }

    public TraceChunksHandle Chunks { get; }

    public int TraceCount { get; }

    public int SpanCount { get; }

    public int DroppedSpanCount { get; }

    public int SkippedTagCount { get; }

    public string? FirstDropReason { get; }

    public void Dispose() => Chunks.Dispose();
}
