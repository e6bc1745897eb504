using Microsoft.Win32.SafeHandles;

namespace SpanMarshal.Native;

/// <summary>Owns a <c>ddog_TracerTraceChunks</c> until a send consumes it.</summary>
internal sealed class TraceChunksHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public TraceChunksHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>The send took the chunks (on every path, errors included): they must not be freed here.</summary>
    public void MarkConsumed() => SetHandleAsInvalid();

    protected override bool ReleaseHandle()
    {
        NativeMethods.ddog_tracer_trace_chunks_free(handle);
        return true;
    }
}
