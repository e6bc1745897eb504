using System;
using System.ComponentModel;

namespace SpanMarshal.Marshalling;

/// <summary>
/// Where a generated marshaller writes one span. It is the only contract between generated
/// code and the runtime: each pipeline implements it as a struct, so the JIT specialises the
/// generated code per pipeline with no virtual calls on the hot path. Part of the generated-code
/// contract: user code does not call it.
/// </summary>
/// <remarks>
/// The call order for one span is: any number of <see cref="Utf8(string?)"/> calls,
/// <see cref="StartSpan"/> once, then <c>SetMeta</c>, <c>SetMetric</c> and
/// <see cref="SkipTag"/> in any order, then <see cref="EndSpan"/> once. If an exception
/// escapes between <see cref="StartSpan"/> and <see cref="EndSpan"/>, the pipeline frees the
/// half-built span.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISpanSink
{
    /// <summary>
    /// A UTF-8 view of <paramref name="value"/> (null gives an empty slice), valid until the
    /// current span ends. Strings repeated across spans may be served from a cache.
    /// </summary>
    CharSlice Utf8(string? value);

    /// <summary>Starts a span with its fixed fields. Slices must stay valid for the call only.</summary>
    void StartSpan(in TracerSpanFields fields);

    /// <summary>Adds a string tag (<c>meta</c>); a null value adds nothing.</summary>
    void SetMeta(string key, string? value);

    /// <summary>
    /// Adds a string tag (<c>meta</c>) whose key is already UTF-8 (generated code passes
    /// <c>u8</c> literals for keys it knows at compile time); a null value adds nothing.
    /// </summary>
    /// <param name="utf8Key">Valid UTF-8, borrowed for the call only.</param>
    /// <param name="value">The tag value.</param>
    void SetMeta(ReadOnlySpan<byte> utf8Key, string? value);

    /// <summary>Adds a numeric tag (<c>metrics</c>).</summary>
    void SetMetric(string key, double value);

    /// <summary>Adds a numeric tag (<c>metrics</c>) whose key is already UTF-8.</summary>
    /// <param name="utf8Key">Valid UTF-8, borrowed for the call only.</param>
    /// <param name="value">The tag value.</param>
    void SetMetric(ReadOnlySpan<byte> utf8Key, double value);

    /// <summary>Counts a tag whose value is neither a string nor a number; it is not sent.</summary>
    void SkipTag(string key);

    /// <summary>Ends the span started by <see cref="StartSpan"/> and adds it to the current chunk.</summary>
    void EndSpan();
}
