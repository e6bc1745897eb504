using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Sinks;
using SpanMarshal.Native;

namespace SpanMarshal.Pipelines.LibDatadog;

/// <summary>
/// Builds libdatadog spans and chunks: <c>ddog_tracer_span_new</c>, <c>set_meta</c>,
/// <c>set_metric</c>, then <c>push_span</c>. A native error drops the span (it is freed) and is
/// reported to the sink core as the reason.
/// </summary>
/// <remarks>
/// A trace's chunk is begun when its first span is pushed, so a trace whose spans were all dropped
/// sends nothing, as in the managed pipeline. The encoder owns nothing itself: the chunk set and
/// the span being built belong to handles the caller disposes in <c>finally</c>, so an exception
/// escaping a span getter leaks nothing.
/// </remarks>
internal unsafe struct LibDatadogEncoder : ISpanEncoder
{
    private readonly TraceChunksHandle _chunks;
    private readonly SpanHandle _span;
    private readonly Utf8Strings _strings;
    private nuint _chunkCapacity;
    private bool _chunkBegun;
    private string? _chunkFailure;

    public LibDatadogEncoder(TraceChunksHandle chunks, SpanHandle span, Utf8Strings strings)
    {
        _chunks = chunks;
        _span = span;
        _strings = strings;
    }

    /// <summary>Never: libdatadog takes the whole batch in one call and splits it itself.</summary>
    public readonly bool IsFull => false;

    public void BeginChunk(int spanCount)
    {
        _chunkCapacity = (nuint)spanCount;
        _chunkBegun = false;
        _chunkFailure = null;
    }

    // A chunk begun whose every push then failed is sent empty: libdatadog cannot take it back.
    public readonly string? EndChunk(int keptSpans) => _chunkFailure;

    public string? StartSpan(in TracerSpanFields fields)
    {
        if (_chunkFailure is not null)
        {
            return _chunkFailure;
        }

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

    public readonly string? SetMeta(CharSlice key, string value) => SetMeta(key, _strings.Get(value));

    public readonly string? SetMeta(CharSlice key, CharSlice value)
    {
        NativeError* error = NativeMethods.ddog_tracer_span_set_meta(_span.Current, key, value);
        return error == null ? null : Drop("ddog_tracer_span_set_meta", error);
    }

    public readonly string? SetMetric(CharSlice key, double value)
    {
        NativeError* error = NativeMethods.ddog_tracer_span_set_metric(_span.Current, key, value);
        return error == null ? null : Drop("ddog_tracer_span_set_metric", error);
    }

    public string? EndSpan()
    {
        if (!_chunkBegun)
        {
            NativeError* begin = NativeMethods.ddog_tracer_trace_chunks_begin_chunk(_chunks, _chunkCapacity);
            if (begin != null)
            {
                // Without its own chunk the trace's spans would land in the previous trace.
                _chunkFailure = Drop("ddog_tracer_trace_chunks_begin_chunk", begin) + ", so its trace was left out";
                return _chunkFailure;
            }

            _chunkBegun = true;
        }

        // push_span consumes the span on every path, so ownership leaves the handle first.
        NativeError* error = NativeMethods.ddog_tracer_trace_chunks_push_span(_chunks, _span.Detach());
        return error == null ? null : Failed("ddog_tracer_trace_chunks_push_span", error);
    }

    private readonly string Drop(string function, NativeError* error)
    {
        _span.FreeCurrent();
        return Failed(function, error);
    }

    private static string Failed(string function, NativeError* error) => $"{function} failed ({NativeFailure.Take(error)!.Value})";
}
