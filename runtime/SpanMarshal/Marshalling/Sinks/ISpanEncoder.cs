using System;

namespace SpanMarshal.Marshalling.Sinks;

/// <summary>
/// What differs between pipelines: how a span's parts are encoded (native calls or msgpack
/// bytes). Everything else a sink does (call order, counters, drop reasons, <c>_dd.p.tid</c>,
/// span validation) is <see cref="TraceSink{TEncoder}"/>'s, written once for every pipeline.
/// </summary>
/// <remarks>
/// Span methods return null on success, else why the span was left out. A method that fails has
/// already abandoned the span it was building, so the sink only counts it. When the whole trace
/// cannot be sent (too large), the encoder keeps failing the rest of its spans and
/// <see cref="EndChunk"/> returns 0.
/// </remarks>
internal interface ISpanEncoder
{
    /// <summary>True when the current request is full: the batch walk stops before the next trace.</summary>
    bool IsFull { get; }

    /// <summary>The UTF-8 views of the marshalling thread, set by the sink for each marshalling call.</summary>
    Utf8Strings Strings { set; }

    /// <summary>Starts a trace expected to hold about <paramref name="spanCount"/> spans.</summary>
    void BeginChunk(int spanCount);

    /// <summary>Ends the current trace, which kept <paramref name="keptSpans"/> spans.</summary>
    /// <param name="keptSpans">The spans that ended without a failure.</param>
    /// <param name="failure">Why spans were lost at the end, when some were.</param>
    /// <returns>How many of the kept spans the trace holds in the end: all, fewer (<paramref name="failure"/> says why), or 0 (the trace is left out).</returns>
    int EndChunk(int keptSpans, out string? failure);

    /// <summary>Starts a span with its fixed fields (already validated).</summary>
    string? StartSpan(in TracerSpanFields fields);

    /// <summary>Adds a meta tag whose value is still UTF-16.</summary>
    /// <remarks>
    /// Keys are spans, not <see cref="CharSlice"/>s: most are the generated code's UTF-8 literals, and pinning each
    /// for a pointer cost three stores per tag (about 3 ns per typical span); an encoder that needs a pointer pins.
    /// A key too large to transcode arrives as a null reference with its length, as its view does.
    /// </remarks>
    string? SetMeta(ReadOnlySpan<byte> key, string value);

    /// <summary>Adds a meta tag whose value is already UTF-8.</summary>
    string? SetMeta(ReadOnlySpan<byte> key, CharSlice value);

    /// <summary>Adds a metrics tag.</summary>
    string? SetMetric(ReadOnlySpan<byte> key, double value);

    /// <summary>Ends the span and adds it to the current trace.</summary>
    string? EndSpan();
}
