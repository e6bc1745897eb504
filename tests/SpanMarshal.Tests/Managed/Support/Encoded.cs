using System.Collections.Generic;
using SpanMarshal.Marshalling;
using SpanMarshal.Pipelines.Managed;
using SpanMarshal.Testing;
using SpanMarshal.Testing.Decoding;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>A batch run through the managed encoder (no transport) and cut into request bodies.</summary>
public sealed class Encoded
{
    private Encoded(List<byte[]> bodies, int droppedSpans, int skippedTags)
    {
        Bodies = bodies;
        DroppedSpans = droppedSpans;
        SkippedTags = skippedTags;
    }

    public List<byte[]> Bodies { get; }

    public int DroppedSpans { get; }

    public int SkippedTags { get; }

    public static Encoded Run(IReadOnlyList<IReadOnlyList<ManagedTestSpan>> traces, int maxRequestBytes = 25 * 1024 * 1024)
    {
        using EncodedBatch batch = ManagedPipeline.Encode(traces, TraceMarshallers.For<ManagedTestSpan, ManagedTestSpanMarshaller>(), maxRequestBytes);
        var bodies = new List<byte[]>();
        int sent = 0;
        do
        {
            BatchSlice slice = batch.Slice(sent, maxRequestBytes);
            bodies.Add(EncodedBatch.ToArray(slice));
            sent += slice.ChunkCount;
        }
        while (sent < batch.ChunkCount);

        return new Encoded(bodies, batch.DroppedSpans, batch.SkippedTags);
    }

    /// <summary>Every chunk of every body, decoded by the test agent's strict MessagePack-CSharp decoder.</summary>
    public List<IReadOnlyList<ReceivedSpan>> Decode()
    {
        var traces = new List<IReadOnlyList<ReceivedSpan>>();
        foreach (byte[] body in Bodies)
        {
            traces.AddRange(TraceDecoderV04.Decode(body));
        }

        return traces;
    }
}
