using System.Collections.Generic;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Sinks;
using SpanMarshal.Pipelines.Managed;
using SpanMarshal.Testing;
using SpanMarshal.Testing.Decoding;
using SpanMarshal.Tests.Support;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>A batch run through the managed encoder (no transport) and cut into request bodies.</summary>
public sealed class Encoded
{
    private Encoded(List<byte[]> bodies, BatchTally tally)
    {
        Bodies = bodies;
        Tally = tally;
    }

    public List<byte[]> Bodies { get; }

    internal BatchTally Tally { get; }

    public int DroppedTraces => Tally.DroppedTraceCount;

    public int DroppedSpans => Tally.DroppedSpanCount;

    public int SkippedTags => Tally.SkippedTagCount;

    public static Encoded Run(IReadOnlyList<IReadOnlyList<TestSpan>> traces, int maxRequestBytes = 25 * 1024 * 1024)
    {
        using EncodedBatch batch = ManagedPipeline.Encode(traces, TraceMarshallers.For<TestSpan, TestSpanMarshaller>(), maxRequestBytes);
        var bodies = new List<byte[]>();
        int sent = 0;
        do
        {
            BatchSlice slice = batch.Slice(sent, maxRequestBytes);
            bodies.Add(EncodedBatch.ToArray(slice));
            sent += slice.ChunkCount;
        }
        while (sent < batch.ChunkCount);

        return new Encoded(bodies, batch.Tally);
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
