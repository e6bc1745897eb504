using System.Collections.Generic;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Marshalling.Sinks;
using SpanMarshal.Pipelines.Managed;
using SpanMarshal.Testing;
using SpanMarshal.Testing.Decoding;
using SpanMarshal.Tests.Support;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>A batch run through the managed encoder (no transport) and cut into request bodies.</summary>
public sealed class Encoded
{
    private Encoded(List<byte[]> bodies, BatchTally tally, TraceApiVersion version)
    {
        Bodies = bodies;
        Tally = tally;
        Version = version;
    }

    public TraceApiVersion Version { get; }

    public List<byte[]> Bodies { get; }

    internal BatchTally Tally { get; }

    public int DroppedTraces => Tally.DroppedTraceCount;

    public int DroppedSpans => Tally.DroppedSpanCount;

    public int SkippedTags => Tally.SkippedTagCount;

    /// <summary>Marshals <paramref name="traces"/> as the managed pipeline does (fill, cut into requests, clear, go on) without sending.</summary>
    internal static Encoded Run(IReadOnlyList<IReadOnlyList<TestSpan>> traces, int maxRequestBytes = 25 * 1024 * 1024, BufferPools? pools = null, TraceApiVersion version = TraceApiVersion.V04, BatchMarshaller<TestSpan>? marshaller = null)
    {
        marshaller ??= TraceMarshallers.For<TestSpan, TestSpanMarshaller>();
        using EncodedBatch batch = EncodedBatch.Create(version, maxRequestBytes, pools ?? BufferPools.Shared);
        var bodies = new List<byte[]>();
        BatchTally tally = default;
        int next = 0;
        do
        {
            next = batch.Marshal(traces, next, marshaller);
            tally += batch.TakeTally();
            int sent = 0;
            do
            {
                BatchSlice slice = batch.Slice(sent, maxRequestBytes);
                bodies.Add(EncodedBatch.ToArray(slice));
                sent += slice.ChunkCount;
            }
            while (sent < batch.ChunkCount);

            batch.RemoveFirst(batch.ChunkCount);
        }
        while (next < traces.Count);

        return new Encoded(bodies, tally, version);
    }

    /// <summary>Every chunk of every body, decoded by the test agent's strict MessagePack-CSharp decoder.</summary>
    public List<IReadOnlyList<ReceivedSpan>> Decode()
    {
        var traces = new List<IReadOnlyList<ReceivedSpan>>();
        foreach (byte[] body in Bodies)
        {
            traces.AddRange(Version == TraceApiVersion.V05 ? TraceDecoderV05.Decode(body) : TraceDecoderV04.Decode(body));
        }

        return traces;
    }
}
