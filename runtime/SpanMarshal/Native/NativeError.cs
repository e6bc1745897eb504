using System.Runtime.InteropServices;

namespace SpanMarshal.Native;

/// <summary>
/// libdatadog's <c>ddog_TraceExporterError</c>: a 4-byte code, 4 bytes of padding, then a
/// NUL-terminated message owned by the error. Read it only through <see cref="NativeFailure.Take"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeError
{
    public TraceExporterErrorCode Code;
    public byte* Message;
}
