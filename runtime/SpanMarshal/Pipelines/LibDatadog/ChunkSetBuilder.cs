using System.Collections.Generic;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Marshalling.Sinks;
using SpanMarshal.Native;

namespace SpanMarshal.Pipelines.LibDatadog;

/// <summary>Turns a batch of traces into one native chunk set: one chunk per trace, begun with the trace's span count as capacity.</summary>
internal static class ChunkSetBuilder
{
    /// <summary>
    /// Marshals <paramref name="traces"/> on the calling thread. When an exception escapes the
    /// conversion of any span, the half-built span and the chunks are freed before it propagates.
    /// </summary>
    /// <exception cref="LibDatadogCallException">libdatadog could not create the chunk set.</exception>
    public static MarshalledBatch Build<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, BatchMarshaller<TSpan> marshaller)
        where TSpan : class
    {
        TraceChunksHandle chunks = NewChunks(traces.Count);
        Utf8Strings strings = Utf8Strings.Rent();
        using var span = new SpanHandle();
        try
        {
            var sink = new TraceSink<LibDatadogEncoder>(new LibDatadogEncoder(chunks, span, strings), strings);
            marshaller.Write(traces, 0, ref sink);
            return new MarshalledBatch(chunks, sink.Tally);
        }
        catch
        {
            chunks.Dispose();
            throw;
        }
        finally
        {
            strings.Return();
        }
    }

    private static unsafe TraceChunksHandle NewChunks(int capacity)
    {
        NativeError* error = NativeMethods.ddog_tracer_trace_chunks_new((nuint)capacity, out TraceChunksHandle chunks);
        if (NativeFailure.Take(error) is { } failure)
        {
            chunks.Dispose();
            throw new LibDatadogCallException("ddog_tracer_trace_chunks_new", failure);
        }

        return chunks;
    }
}
