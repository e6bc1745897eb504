namespace SpanMarshal.Marshalling.Sinks;

/// <summary>
/// What differs between pipelines: how a span's parts are encoded (native calls or msgpack
/// bytes). Everything else a sink does (call order, counters, drop reasons, <c>_dd.p.tid</c>,
/// span validation) is <see cref="TraceSink{TEncoder}"/>'s, written once for every pipeline.
/// </summary>
/// <remarks>
/// Methods return null on success, else why the span (or, for <see cref="EndChunk"/>, the whole
/// trace) was left out. A method that fails has already abandoned the span it was building, so
/// the sink only counts it. After a trace-level failure the encoder keeps failing the rest of
/// that trace's spans until <see cref="EndChunk"/>.
/// </remarks>
internal interface ISpanEncoder
{
    /// <summary>True when the current request is full: the batch walk stops before the next trace.</summary>
    bool IsFull { get; }

    /// <summary>Starts a trace expected to hold about <paramref name="spanCount"/> spans.</summary>
    void BeginChunk(int spanCount);

    /// <summary>Ends the current trace, which kept <paramref name="keptSpans"/> spans (0: leave it out).</summary>
    /// <returns>Null, or why the whole trace was left out (its kept spans are counted as dropped).</returns>
    string? EndChunk(int keptSpans);

    /// <summary>Starts a span with its fixed fields (already validated).</summary>
    string? StartSpan(in TracerSpanFields fields);

    /// <summary>Adds a meta tag whose value is still UTF-16.</summary>
    string? SetMeta(CharSlice key, string value);

    /// <summary>Adds a meta tag whose value is already UTF-8.</summary>
    string? SetMeta(CharSlice key, CharSlice value);

    /// <summary>Adds a metrics tag.</summary>
    string? SetMetric(CharSlice key, double value);

    /// <summary>Ends the span and adds it to the current trace.</summary>
    string? EndSpan();
}
