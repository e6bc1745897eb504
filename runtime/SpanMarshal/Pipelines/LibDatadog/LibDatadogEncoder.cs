using System;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Sinks;
using SpanMarshal.Native;

namespace SpanMarshal.Pipelines.LibDatadog;

/// <summary>
/// Builds libdatadog spans and chunks: <c>ddog_tracer_span_new</c>, <c>set_meta</c> and
/// <c>set_metric</c> per span; when the trace ends, <c>begin_chunk</c> with its exact span count
/// and <c>push_span</c> for each. A native error drops the span (it is freed) and is reported to
/// the sink core as the reason.
/// </summary>
/// <remarks>
/// A trace whose spans were all dropped sends nothing, as in the managed pipeline. The encoder
/// owns nothing itself: the chunk set, the span being built and the finished spans belong to the
/// batch, which frees them on every path.
/// </remarks>
internal unsafe struct LibDatadogEncoder : ISpanEncoder
{
    private readonly TraceChunksHandle _chunks;
    private readonly SpanHandle _span;
    private readonly PendingSpans _pending;
    private Utf8Strings? _strings;

    public LibDatadogEncoder(TraceChunksHandle chunks, SpanHandle span, PendingSpans pending)
    {
        _chunks = chunks;
        _span = span;
        _pending = pending;
    }

    /// <summary>Never: libdatadog takes the whole batch in one call and splits it itself.</summary>
    public readonly bool IsFull => false;

    /// <inheritdoc/>
    public Utf8Strings Strings
    {
        set => _strings = value;
    }

    public readonly void BeginChunk(int spanCount) => _pending.Clear();

    public readonly int EndChunk(int keptSpans, out string? failure)
    {
        failure = null;
        if (keptSpans == 0)
        {
            return 0;
        }

        NativeError* begin = NativeMethods.ddog_tracer_trace_chunks_begin_chunk(_chunks, (nuint)keptSpans);
        if (begin != null)
        {
            // Without its own chunk the trace's spans would land in the previous trace.
            _pending.FreeAll();
            failure = Failed("ddog_tracer_trace_chunks_begin_chunk", begin) + ", so its trace was left out";
            return 0;
        }

        int pushed = 0;
        for (int i = 0; i < _pending.Count; i++)
        {
            // push_span consumes the span on every path, errors included.
            NativeError* error = NativeMethods.ddog_tracer_trace_chunks_push_span(_chunks, _pending[i]);
            if (error == null)
            {
                pushed++;
                continue;
            }

            // Every error is freed; the first one says why.
            string failed = Failed("ddog_tracer_trace_chunks_push_span", error);
            failure ??= failed;
        }

        _pending.Clear();
        return pushed;
    }

    public readonly string? StartSpan(in TracerSpanFields fields)
    {
        nint span;
        NativeError* error;
        fixed (TracerSpanFields* f = &fields)
        {
            error = NativeMethods.ddog_tracer_span_new(&span, f);
        }

        if (error != null)
        {
            return Failed("ddog_tracer_span_new", error);
        }

        _span.Adopt(span);
        return null;
    }

    public readonly string? SetMeta(ReadOnlySpan<byte> key, string value) => SetMeta(key, _strings!.Get(value));

    public readonly string? SetMeta(ReadOnlySpan<byte> key, CharSlice value)
    {
        fixed (byte* k = key)
        {
            return SetMeta(new CharSlice(k, key.Length), value);
        }
    }

    public readonly string? SetMetric(ReadOnlySpan<byte> key, double value)
    {
        fixed (byte* k = key)
        {
            return SetMetric(new CharSlice(k, key.Length), value);
        }
    }

    private readonly string? SetMeta(CharSlice key, CharSlice value)
    {
        if (key.IsUnavailable | value.IsUnavailable)
        {
            return Dropped(DropReasons.StringTooLarge);
        }

        NativeError* error = NativeMethods.ddog_tracer_span_set_meta(_span.Current, key, value);
        return error == null ? null : Drop("ddog_tracer_span_set_meta", error);
    }

    private readonly string? SetMetric(CharSlice key, double value)
    {
        if (key.IsUnavailable)
        {
            return Dropped(DropReasons.StringTooLarge);
        }

        NativeError* error = NativeMethods.ddog_tracer_span_set_metric(_span.Current, key, value);
        return error == null ? null : Drop("ddog_tracer_span_set_metric", error);
    }

    public readonly string? EndSpan()
    {
        _pending.Add(_span.Detach());
        return null;
    }

    private readonly string Drop(string function, NativeError* error)
    {
        _span.FreeCurrent();
        return Failed(function, error);
    }

    private readonly string Dropped(string reason)
    {
        _span.FreeCurrent();
        return reason;
    }

    private static string Failed(string function, NativeError* error) => $"{function} failed ({NativeFailure.Take(error)!.Value})";
}
