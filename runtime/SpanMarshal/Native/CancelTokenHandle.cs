using Microsoft.Win32.SafeHandles;

namespace SpanMarshal.Native;

/// <summary>Owns a <c>ddog_TraceExporterCancelToken</c>: one per send, so cancelling one send never touches another.</summary>
internal sealed class CancelTokenHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public CancelTokenHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Makes the send using this token fail with IoError (its chunks may be lost).</summary>
    public void Cancel() => NativeMethods.ddog_trace_exporter_cancel_token_cancel(this);

    protected override bool ReleaseHandle()
    {
        NativeMethods.ddog_trace_exporter_cancel_token_drop(handle);
        return true;
    }
}
