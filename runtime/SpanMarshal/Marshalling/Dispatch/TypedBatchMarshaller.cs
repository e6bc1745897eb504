using System;
using System.Collections.Generic;
using SpanMarshal.Marshalling.Sinks;
using SpanMarshal.Pipelines.LibDatadog;
using SpanMarshal.Pipelines.Managed;

namespace SpanMarshal.Marshalling.Dispatch;

/// <summary>
/// The batch walk of one span type and its marshaller. <typeparamref name="TMarshaller"/> is a
/// struct, so every method here is compiled for exactly that marshaller (never shared generic
/// code): the call to <c>TMarshaller.Marshal</c> is direct and inlinable, and NativeAOT sees every
/// instantiation it needs.
/// </summary>
/// <remarks>
/// Each span is marshalled by the marshaller of its runtime type, or of its nearest registered
/// base: a span of exactly the declared type costs one type comparison (none when the declared
/// type is sealed); any other is looked up (once per runtime type) among the registered types
/// between its own and the declared one, else marshalled by <typeparamref name="TMarshaller"/>. A
/// declared type with no marshaller of its own (<see cref="UnregisteredMarshaller{TSpan}"/>) has
/// no exact type: every span is looked up.
/// </remarks>
internal sealed class TypedBatchMarshaller<TSpan, TMarshaller> : BatchMarshaller<TSpan>, ISpanWriter<MsgPackV04Encoder>, ISpanWriter<MsgPackV05Encoder>, ISpanWriter<LibDatadogEncoder>
    where TSpan : class
    where TMarshaller : struct, ITraceMarshaller<TSpan>
{
    /// <summary>The batch walk of a declared type with its own marshaller.</summary>
    public static readonly TypedBatchMarshaller<TSpan, TMarshaller> Instance = new(typeof(TSpan));

    private readonly Type? _exactType;

    // A sealed declared type is every span's runtime type: no span needs its type compared.
    private readonly bool _sealed;
    private readonly DerivedSpanWriters _derived;

    /// <param name="exactType">The runtime type <typeparamref name="TMarshaller"/> marshals directly; null to look every span up.</param>
    internal TypedBatchMarshaller(Type? exactType)
    {
        _exactType = exactType;
        _sealed = exactType is { IsSealed: true };
        _derived = new DerivedSpanWriters(exactType);
    }

    public override int Write(IReadOnlyList<IReadOnlyList<TSpan>> traces, int firstTrace, ref TraceSink<MsgPackV04Encoder> sink)
        => WriteTraces(traces, firstTrace, ref sink);

    public override int Write(IReadOnlyList<IReadOnlyList<TSpan>> traces, int firstTrace, ref TraceSink<MsgPackV05Encoder> sink)
        => WriteTraces(traces, firstTrace, ref sink);

    public override int Write(IReadOnlyList<IReadOnlyList<TSpan>> traces, int firstTrace, ref TraceSink<LibDatadogEncoder> sink)
        => WriteTraces(traces, firstTrace, ref sink);

    void ISpanWriter<MsgPackV04Encoder>.Write(object span, ref TraceSink<MsgPackV04Encoder> sink) => TMarshaller.Marshal((TSpan)span, ref sink);

    void ISpanWriter<MsgPackV05Encoder>.Write(object span, ref TraceSink<MsgPackV05Encoder> sink) => TMarshaller.Marshal((TSpan)span, ref sink);

    void ISpanWriter<LibDatadogEncoder>.Write(object span, ref TraceSink<LibDatadogEncoder> sink) => TMarshaller.Marshal((TSpan)span, ref sink);

    private int WriteTraces<TEncoder>(IReadOnlyList<IReadOnlyList<TSpan>> traces, int firstTrace, ref TraceSink<TEncoder> sink)
        where TEncoder : struct, ISpanEncoder
    {
        int count = traces.Count;
        for (int t = firstTrace; t < count; t++)
        {
            if (sink.IsFull)
            {
                return t;
            }

            IReadOnlyList<TSpan>? chunk = traces[t];
            if (chunk is null)
            {
                sink.DropTrace(DropReasons.NullTrace);
                continue;
            }

            sink.BeginChunk(chunk.Count);
            WriteChunk(chunk, ref sink);
            sink.EndChunk();
        }

        return count;
    }

    // Kept out of WriteTraces so the JIT's inlining budget goes to the per-span marshaller.
    private void WriteChunk<TEncoder>(IReadOnlyList<TSpan> chunk, ref TraceSink<TEncoder> sink)
        where TEncoder : struct, ISpanEncoder
    {
        int count = chunk.Count;
        for (int s = 0; s < count; s++)
        {
            TSpan? span = chunk[s];
            if (span is null)
            {
                sink.DropSpan(DropReasons.NullSpan);
            }
            else if (_sealed || span.GetType() == _exactType)
            {
                TMarshaller.Marshal(span, ref sink);
            }
            else
            {
                WriteDerived(span, ref sink);
            }
        }
    }

    private void WriteDerived<TEncoder>(TSpan span, ref TraceSink<TEncoder> sink)
        where TEncoder : struct, ISpanEncoder
    {
        if (_derived.For(span.GetType()) is ISpanWriter<TEncoder> writer)
        {
            writer.Write(span, ref sink);
        }
        else
        {
            TMarshaller.Marshal(span, ref sink);
        }
    }
}
