using System;
using SpanMarshal.Marshalling;
using SpanMarshal.Native;

namespace SpanMarshal.Pipelines.LibDatadog;

/// <summary>
/// Builds libdatadog spans and chunks from what the generated marshaller writes. A native
/// error on one span (say InvalidInput from set_meta) drops that span only: it is freed,
/// counted, and the rest of its calls are ignored until <see cref="EndSpan"/>.
/// </summary>
/// <remarks>
/// The sink owns nothing itself: the chunk set and the span being built belong to handles
/// the caller disposes in <c>finally</c>, so an exception escaping a span getter leaks nothing.
/// </remarks>
internal unsafe struct LibDatadogSink : ITraceSink
{
    private readonly TraceChunksHandle _chunks;
    private readonly SpanHandle _span;
    private readonly Utf8Strings _strings;
    private bool _inSpan;
    private bool _dropSpan;
    private bool _dropChunk;
    private bool _tidPending;

    public LibDatadogSink(TraceChunksHandle chunks, SpanHandle span, Utf8Strings strings)
    {
        _chunks = chunks;
        _span = span;
        _strings = strings;
    }

    /// <summary>Chunks begun (traces in the request).</summary>
    public int ChunkCount { get; private set; }

    /// <summary>Spans pushed.</summary>
    public int SpanCount { get; private set; }

    /// <summary>Spans left out: null entries and native errors.</summary>
    public int DroppedSpanCount { get; private set; }

    /// <summary>Tags left out because their value was neither a string nor a number.</summary>
    public int SkippedTagCount { get; private set; }

    /// <summary>Why the first dropped span was dropped.</summary>
    public string? FirstDropReason { get; private set; }

    public readonly CharSlice Utf8(string? value) => _strings.Get(value);

    public void BeginChunk(int spanCount)
    {
        NativeFailure? failure = NativeFailure.Take(NativeMethods.ddog_tracer_trace_chunks_begin_chunk(_chunks, (nuint)Math.Max(spanCount, 0)));

        // Without its own chunk the trace's spans would land in the previous trace.
        _dropChunk = failure is not null;
        if (failure is { } f)
        {
            FirstDropReason ??= $"ddog_tracer_trace_chunks_begin_chunk failed ({f}), so its trace was left out";
            return;
        }

        ChunkCount++;
        _tidPending = true;
    }

    public void EndChunk()
    {
        if (_inSpan)
        {
            SinkMisuse.Throw(SinkMisuse.NeverEnded);
        }

        _dropChunk = false;
    }

    public void StartSpan(in TracerSpanFields fields)
    {
        if (_inSpan)
        {
            SinkMisuse.Throw(SinkMisuse.StartedTwice);
        }

        _inSpan = true;
        if (_dropChunk)
        {
            _dropSpan = true;
            return;
        }

        nint span;
        NativeError* error;
        fixed (TracerSpanFields* f = &fields)
        {
            error = NativeMethods.ddog_tracer_span_new(&span, f);
        }

        if (error != null)
        {
            Drop("ddog_tracer_span_new", error);
            return;
        }

        _span.Adopt(span);
        if (_tidPending && fields.TraceIdHigh != 0)
        {
            SetTraceIdHigh(fields.TraceIdHigh);
        }
    }

    public void SetMeta(string key, string? value)
    {
        EnsureInSpan();
        if (value is not null && !_dropSpan)
        {
            AddMeta(_strings.Get(key), _strings.Get(value));
        }
    }

    public void SetMeta(ReadOnlySpan<byte> utf8Key, string? value)
    {
        EnsureInSpan();
        if (value is not null && !_dropSpan)
        {
            fixed (byte* key = utf8Key)
            {
                AddMeta(new CharSlice(key, utf8Key.Length), _strings.Get(value));
            }
        }
    }

    public void SetMetric(string key, double value)
    {
        EnsureInSpan();
        if (!_dropSpan)
        {
            AddMetric(_strings.Get(key), value);
        }
    }

    public void SetMetric(ReadOnlySpan<byte> utf8Key, double value)
    {
        EnsureInSpan();
        if (!_dropSpan)
        {
            fixed (byte* key = utf8Key)
            {
                AddMetric(new CharSlice(key, utf8Key.Length), value);
            }
        }
    }

    public void SkipTag(string key)
    {
        EnsureInSpan();
        SkippedTagCount++;
    }

    public void EndSpan()
    {
        if (!_inSpan)
        {
            SinkMisuse.Throw(SinkMisuse.EndOutsideSpan);
        }

        _inSpan = false;
        _strings.EndSpan();
        if (_dropSpan)
        {
            _dropSpan = false;
            DroppedSpanCount++;
            return;
        }

        // push_span consumes the span on every path, so ownership leaves the handle first.
        NativeError* error = NativeMethods.ddog_tracer_trace_chunks_push_span(_chunks, _span.Detach());
        if (NativeFailure.Take(error) is { } failure)
        {
            DroppedSpanCount++;
            FirstDropReason ??= $"ddog_tracer_trace_chunks_push_span failed ({failure})";
            return;
        }

        SpanCount++;
        _tidPending = false;
    }

    public void ReportBadSpan(string reason)
    {
        DroppedSpanCount++;
        FirstDropReason ??= reason;
    }

    private readonly void EnsureInSpan()
    {
        if (!_inSpan)
        {
            SinkMisuse.Throw(SinkMisuse.TagOutsideSpan);
        }
    }

    // libdatadog's v0.4 encoder writes only the low 64 bits of the trace id.
    private void SetTraceIdHigh(ulong high)
    {
        byte* hex = stackalloc byte[16];
        TraceIdTag.Format(high, new Span<byte>(hex, 16));
        fixed (byte* key = TraceIdTag.KeyUtf8)
        {
            NativeError* error = NativeMethods.ddog_tracer_span_set_meta(_span.Current, new CharSlice(key, TraceIdTag.KeyUtf8.Length), new CharSlice(hex, 16));
            if (error != null)
            {
                Drop("ddog_tracer_span_set_meta(_dd.p.tid)", error);
            }
        }
    }

    private void AddMeta(CharSlice key, CharSlice value)
    {
        NativeError* error = NativeMethods.ddog_tracer_span_set_meta(_span.Current, key, value);
        if (error != null)
        {
            Drop("ddog_tracer_span_set_meta", error);
        }
    }

    private void AddMetric(CharSlice key, double value)
    {
        NativeError* error = NativeMethods.ddog_tracer_span_set_metric(_span.Current, key, value);
        if (error != null)
        {
            Drop("ddog_tracer_span_set_metric", error);
        }
    }

    private void Drop(string function, NativeError* error)
    {
        NativeFailure failure = NativeFailure.Take(error)!.Value;
        FirstDropReason ??= $"{function} failed ({failure})";
        _span.FreeCurrent();
        _dropSpan = true;
    }
}
