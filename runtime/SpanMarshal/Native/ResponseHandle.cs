using Microsoft.Win32.SafeHandles;

namespace SpanMarshal.Native;

/// <summary>Owns a <c>ddog_TraceExporterResponse</c> (written only when a send succeeds).</summary>
internal sealed class ResponseHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ResponseHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>A managed copy of the agent's body: the native bytes die with the response.</summary>
    public byte[] CopyBody() => IsInvalid ? [] : NativeMethods.ddog_trace_exporter_response_get_body(this).AsSpan().ToArray();

    protected override bool ReleaseHandle()
    {
        NativeMethods.ddog_trace_exporter_response_free(handle);
        return true;
    }
}
