using Microsoft.Win32.SafeHandles;

namespace SpanMarshal.Native;

/// <summary>Owns a <c>ddog_TraceExporterError</c> while <see cref="NativeFailure.Take"/> copies it.</summary>
internal sealed unsafe class ErrorHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ErrorHandle(NativeError* error)
        : base(ownsHandle: true)
        => SetHandle((nint)error);

    protected override bool ReleaseHandle()
    {
        NativeMethods.ddog_trace_exporter_error_free((NativeError*)handle);
        return true;
    }
}
