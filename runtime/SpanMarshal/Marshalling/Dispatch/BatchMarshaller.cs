using System.Collections.Generic;
using SpanMarshal.Marshalling.Sinks;
using SpanMarshal.Pipelines.LibDatadog;
using SpanMarshal.Pipelines.Managed;

namespace SpanMarshal.Marshalling.Dispatch;

/// <summary>
/// Walks a batch of traces into a pipeline's sink. One entry point per pipeline encoder, each
/// non-generic: NativeAOT cannot build a generic virtual method instantiation at run time, so
/// every (span type, marshaller, encoder) combination must be a closed method it sees at compile
/// time. Each call is one virtual call per batch; the per-span loop behind it is specialised.
/// </summary>
/// <typeparam name="TSpan">The batch's declared span type.</typeparam>
internal abstract class BatchMarshaller<TSpan>
    where TSpan : class
{
    private protected BatchMarshaller()
    {
    }

    /// <summary>Marshals traces from <paramref name="firstTrace"/> until the batch ends or the sink is full.</summary>
    /// <returns>The index of the first trace not marshalled (the batch's count when all were).</returns>
    public abstract int Write(IReadOnlyList<IReadOnlyList<TSpan>> traces, int firstTrace, ref TraceSink<MsgPackV04Encoder> sink);

    /// <inheritdoc cref="Write(IReadOnlyList{IReadOnlyList{TSpan}}, int, ref TraceSink{MsgPackV04Encoder})"/>
    public abstract int Write(IReadOnlyList<IReadOnlyList<TSpan>> traces, int firstTrace, ref TraceSink<MsgPackV05Encoder> sink);

    /// <inheritdoc cref="Write(IReadOnlyList{IReadOnlyList{TSpan}}, int, ref TraceSink{MsgPackV04Encoder})"/>
    public abstract int Write(IReadOnlyList<IReadOnlyList<TSpan>> traces, int firstTrace, ref TraceSink<LibDatadogEncoder> sink);
}
