using System;
using SpanMarshal.Native;

namespace SpanMarshal.Pipelines.LibDatadog;

/// <summary>
/// The finished native spans of the trace being marshalled, held until the trace ends so that a
/// trace reaches the chunk set whole or not at all (a getter that throws mid-trace leaves the
/// traces before it intact). Owned by one batch; whatever it still holds is freed by
/// <see cref="FreeAll"/>, which the batch calls on every path that does not push them.
/// </summary>
internal sealed class PendingSpans
{
    private nint[] _spans = new nint[16];

    public int Count { get; private set; }

    public nint this[int index] => _spans[index];

    public void Add(nint span)
    {
        if (Count == _spans.Length)
        {
            Array.Resize(ref _spans, checked(_spans.Length * 2));
        }

        _spans[Count++] = span;
    }

    /// <summary>Forgets the spans: the chunk set consumed them.</summary>
    public void Clear() => Count = 0;

    /// <summary>Frees every span still held (none was pushed).</summary>
    public void FreeAll()
    {
        for (int i = 0; i < Count; i++)
        {
            NativeMethods.ddog_tracer_span_free(_spans[i]);
        }

        Count = 0;
    }
}
