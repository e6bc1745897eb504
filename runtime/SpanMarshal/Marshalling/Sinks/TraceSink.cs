using System;
using System.Runtime.CompilerServices;

namespace SpanMarshal.Marshalling.Sinks;

/// <summary>
/// The one sink every pipeline uses: it enforces the <see cref="ISpanSink"/> call order, validates
/// each span's times, puts <c>_dd.p.tid</c> on the first span of each trace, applies the exporter's
/// <see cref="SpanDefaults"/> (service, <c>env</c>, <c>version</c>, <c>_dd.hostname</c>), counts what
/// is left out and why, and hands the encoding to <typeparamref name="TEncoder"/>. A struct generic over a
/// struct encoder, so the JIT specialises the generated marshallers per pipeline with every call
/// here inlinable and no virtual call per span.
/// </summary>
/// <typeparam name="TEncoder">The pipeline's encoding (native calls or msgpack bytes).</typeparam>
internal unsafe struct TraceSink<TEncoder> : ISpanSink
    where TEncoder : struct, ISpanEncoder
{
    /// <summary>The pipeline's encoder; pipelines reach it to take or release what it built.</summary>
    public TEncoder Encoder;

    private readonly Utf8Strings _strings;
    private readonly SpanDefaults _defaults;
    private SpanState _state;
    private SpanDefaults.Tags _pendingTags;
    private bool _traceIdHighPending;
    private int _chunkKept;
    private int _chunkDropped;
    private int _traces;
    private int _spans;
    private int _droppedTraces;
    private int _droppedSpans;
    private int _tooLargeTraces;
    private int _tooLargeSpans;
    private int _skippedTags;
    private string? _firstDropReason;

    // The high half of a 128-bit trace id whose _dd.p.tid digits _traceIdHighHex holds (0: none yet).
    private ulong _traceIdHigh;
    private HexDigits _traceIdHighHex;

    /// <param name="encoder">The pipeline's encoder.</param>
    /// <param name="strings">The UTF-8 views for this batch; the caller rents and returns it.</param>
    /// <param name="defaults">What the exporter adds to every span.</param>
    public TraceSink(TEncoder encoder, Utf8Strings strings, SpanDefaults defaults)
    {
        Encoder = encoder;
        Encoder.Strings = strings;
        _strings = strings;
        _defaults = defaults;
    }

    private enum SpanState : byte
    {
        Outside,

        // Open, with no exporter tag pending: a tag costs one test of the state.
        Open,

        // Open, with exporter tags (env, version, hostname) pending until the span sets them itself.
        OpenDefaultsPending,
        Dropping,
    }

    /// <summary>What was counted so far.</summary>
    public readonly BatchTally Tally => new(_traces, _spans, _droppedTraces, _droppedSpans, _tooLargeTraces, _tooLargeSpans, _skippedTags, _firstDropReason);

    /// <summary>True when the encoder's request is full: the batch walk stops before the next trace.</summary>
    public readonly bool IsFull => Encoder.IsFull;

    /// <inheritdoc/>
    public readonly CharSlice Utf8(string? value) => _strings.Get(value);

    /// <summary>Starts a trace expected to hold about <paramref name="spanCount"/> spans.</summary>
    public void BeginChunk(int spanCount)
    {
        Encoder.BeginChunk(Math.Max(spanCount, 0));
        _chunkKept = 0;
        _chunkDropped = 0;
        _traceIdHighPending = true;
    }

    /// <summary>Ends the current trace; a trace that kept no span is left out.</summary>
    public void EndChunk()
    {
        if (_state != SpanState.Outside)
        {
            SinkMisuse.Throw(SinkMisuse.NeverEnded);
        }

        int sent = Encoder.EndChunk(_chunkKept, out string? failure);
        _droppedSpans += _chunkKept - sent;
        if (sent != 0)
        {
            // Counted only once the trace is complete, so a getter throwing mid-trace leaves the tally exact.
            _traces++;
            _spans += sent;
            _firstDropReason ??= failure;
            return;
        }

        if (ReferenceEquals(failure, DropReasons.TraceTooLarge))
        {
            _tooLargeTraces++;
            _tooLargeSpans += _chunkKept + _chunkDropped;
        }

        // A trace whose spans were all dropped already has their reason recorded.
        DropTrace(failure ?? (_chunkDropped == 0 ? DropReasons.EmptyTrace : null));
    }

    /// <summary>Counts a trace left out before any of it was marshalled (for example a null entry).</summary>
    public void DropTrace(string? reason)
    {
        _droppedTraces++;
        _firstDropReason ??= reason;
    }

    /// <summary>Counts a span left out before it was marshalled (for example a null entry); its neighbours are kept.</summary>
    public void DropSpan(string reason)
    {
        _droppedSpans++;
        _chunkDropped++;
        _firstDropReason ??= reason;
    }

    /// <inheritdoc/>
    public void StartSpan(in TracerSpanFields fields)
    {
        if (_state != SpanState.Outside)
        {
            SinkMisuse.Throw(SinkMisuse.StartedTwice);
        }

        string? failure = Validate(in fields) ?? StartEncoding(in fields);
        if (failure is null && _traceIdHighPending && fields.TraceIdHigh != 0)
        {
            failure = SetTraceIdHigh(fields.TraceIdHigh);
        }

        _state = _pendingTags == SpanDefaults.Tags.None ? SpanState.Open : SpanState.OpenDefaultsPending;
        if (failure is not null)
        {
            Fail(failure);
        }
    }

    /// <inheritdoc/>
    public void SetMeta(string key, string? value)
    {
        if (CanAddTag() && value is not null)
        {
            if (_state == SpanState.OpenDefaultsPending)
            {
                SetByTheSpan(SpanDefaults.Replaced(key));
            }

            Check(Encoder.SetMeta(_strings.Get(key).AsSpan(), value));
        }
    }

    /// <inheritdoc/>
    public void SetMeta(ReadOnlySpan<byte> utf8Key, string? value)
    {
        // One test for the common case (an open span, no exporter tag pending, a value); the rest out of line.
        if (_state == SpanState.Open && value is not null)
        {
            Check(Encoder.SetMeta(utf8Key, value));
            return;
        }

        SetMetaChecked(utf8Key, value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SetMetaChecked(ReadOnlySpan<byte> utf8Key, string? value)
    {
        if (CanAddTag() && value is not null)
        {
            if (_state == SpanState.OpenDefaultsPending)
            {
                SetByTheSpan(SpanDefaults.Replaced(utf8Key));
            }

            Check(Encoder.SetMeta(utf8Key, value));
        }
    }

    /// <inheritdoc/>
    public void SetMetric(string key, double value)
    {
        if (CanAddTag())
        {
            Check(Encoder.SetMetric(_strings.Get(key).AsSpan(), value));
        }
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetMetric(ReadOnlySpan<byte> utf8Key, double value)
    {
        if (CanAddTag())
        {
            Check(Encoder.SetMetric(utf8Key, value));
        }
    }

    /// <inheritdoc/>
    public void SkipTag(string key)
    {
        if (CanAddTag())
        {
            _skippedTags++;
        }
    }

    /// <inheritdoc/>
    public void EndSpan()
    {
        if (_state == SpanState.Outside)
        {
            SinkMisuse.Throw(SinkMisuse.EndOutsideSpan);
        }

        if (_state != SpanState.Dropping)
        {
            string? failure = _pendingTags == SpanDefaults.Tags.None ? Encoder.EndSpan() : AddDefaultTagsAndEnd();
            if (failure is null)
            {
                _chunkKept++;
                _traceIdHighPending = false;
                CloseSpan();
                return;
            }

            _firstDropReason ??= failure;
        }

        _droppedSpans++;
        _chunkDropped++;
        CloseSpan();
    }

    // The span set an exporter tag itself: the exporter's is no longer added.
    private void SetByTheSpan(SpanDefaults.Tags replaced)
    {
        _pendingTags &= ~replaced;
        if (_pendingTags == SpanDefaults.Tags.None)
        {
            _state = SpanState.Open;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CloseSpan()
    {
        _state = SpanState.Outside;
        _pendingTags = SpanDefaults.Tags.None;
        _strings.EndSpan();
    }

    // Inline, so an encoder's StartSpan that may inline does: the defaults cost a test and, with a
    // version set, one compare of the span's service per span.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private string? StartEncoding(in TracerSpanFields fields)
    {
        if (!_defaults.IsEmpty)
        {
            _pendingTags = _defaults.For(fields.Service);
            if (fields.Service.IsEmpty && !_defaults.Service.IsEmpty)
            {
                return StartWithDefaultService(in fields);
            }
        }

        return Encoder.StartSpan(in fields);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private string? StartWithDefaultService(in TracerSpanFields fields)
    {
        TracerSpanFields withService = fields;
        withService.Service = _defaults.Service;
        return Encoder.StartSpan(in withService);
    }

    // The exporter's tags the span did not set itself, after its own (the agent keeps no order in meta).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private string? AddDefaultTagsAndEnd()
        => AddDefaultTag(SpanDefaults.Tags.Environment)
            ?? AddDefaultTag(SpanDefaults.Tags.Version)
            ?? AddDefaultTag(SpanDefaults.Tags.HostName)
            ?? Encoder.EndSpan();

    private string? AddDefaultTag(SpanDefaults.Tags tag)
        => (_pendingTags & tag) == 0 ? null : Encoder.SetMeta(_defaults.Key(tag).AsSpan(), _defaults.Value(tag));

    // What the agent would drop, or show as nonsense (a span in 1754 lasting -100 ns), is left out
    // and counted here instead. One branch for the common case; the reason is worked out only for a bad span.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static string? Validate(in TracerSpanFields fields)
        => (fields.Start <= 0) | (fields.Duration < 0) | (fields.TraceIdLow == 0) | (fields.SpanId == 0)
            | ((fields.Service.Len | fields.Name.Len | fields.Resource.Len | fields.SpanType.Len) > Utf8Strings.MaxStringBytes)
            ? Invalid(in fields)
            : null;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Invalid(in TracerSpanFields fields)
        => fields.TraceIdLow == 0 ? DropReasons.ZeroTraceId
        : fields.SpanId == 0 ? DropReasons.ZeroSpanId
        : fields.Start <= 0 ? DropReasons.InvalidStart
        : fields.Duration < 0 ? DropReasons.InvalidDuration
        : DropReasons.StringTooLarge;

    // True for an open span; false (ignore the tag) for a span being dropped; throws outside a span.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly bool CanAddTag()
    {
        if (_state is SpanState.Open or SpanState.OpenDefaultsPending)
        {
            return true;
        }

        if (_state == SpanState.Outside)
        {
            SinkMisuse.Throw(SinkMisuse.TagOutsideSpan);
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Check(string? failure)
    {
        if (failure is not null)
        {
            Fail(failure);
        }
    }

    // The encoder has already abandoned the span; it is counted when the marshaller ends it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Fail(string failure)
    {
        _state = SpanState.Dropping;
        _firstDropReason ??= failure;
    }

    // libdatadog's v0.4 encoder and the v0.4 format carry only the low 64 bits in trace_id. Tracers' 128-bit ids
    // put the unix seconds in the high half, so consecutive traces share it: its digits are formatted once.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private string? SetTraceIdHigh(ulong high)
    {
        if (high != _traceIdHigh)
        {
            TraceIdTag.Format(high, _traceIdHighHex);
            _traceIdHigh = high;
        }

        fixed (byte* hex = &_traceIdHighHex[0])
        {
            return Encoder.SetMeta(TraceIdTag.KeyUtf8, new CharSlice(hex, TraceIdTag.HexLength));
        }
    }

    [InlineArray(TraceIdTag.HexLength)]
    private struct HexDigits
    {
        private byte _digit;
    }
}
