using System;
using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace SpanMarshal.Native;

/// <summary>
/// Owns the one <c>ddog_TracerSpan</c> a sink is building, if any. One instance serves a whole
/// batch (a SafeHandle per span would be an allocation and a finalizer registration per
/// span): <see cref="Adopt"/> takes a new span, <see cref="Detach"/> gives it up to the push
/// that consumes it, and disposing frees a half-built span left by an exception.
/// </summary>
/// <remarks>Used by one thread only (the marshalling thread), hence the raw pointer reads.</remarks>
internal sealed class SpanHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SpanHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>The span being built, or 0.</summary>
    public nint Current => handle;

    /// <summary>Takes ownership of a new span; the sink has already refused a second StartSpan, so none is held.</summary>
    public void Adopt(nint span)
    {
        Debug.Assert(handle == 0, "a span is already being built");
        SetHandle(span);
    }

    /// <summary>Gives up ownership of the current span (the caller is about to consume it).</summary>
    public nint Detach()
    {
        nint span = handle;
        SetHandle(0);
        return span;
    }

    /// <summary>Frees the current span, if any (a native error dropped it).</summary>
    public void FreeCurrent()
    {
        nint span = Detach();
        if (span != 0)
        {
            NativeMethods.ddog_tracer_span_free(span);
        }
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.ddog_tracer_span_free(handle);
        return true;
    }
}
