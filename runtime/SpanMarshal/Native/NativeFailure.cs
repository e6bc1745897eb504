using System.Runtime.InteropServices;

namespace SpanMarshal.Native;

/// <summary>A libdatadog error copied into managed memory (the native error is already freed).</summary>
internal readonly record struct NativeFailure(TraceExporterErrorCode Code, string Message)
{
    /// <summary>
    /// Copies and frees <paramref name="error"/>. Returns null for a successful call, so the
    /// success path costs one comparison and no allocation.
    /// </summary>
    public static unsafe NativeFailure? Take(NativeError* error)
    {
        if (error == null)
        {
            return null;
        }

        using var owner = new ErrorHandle(error);
        string message = Marshal.PtrToStringUTF8((nint)error->Message) ?? string.Empty;
        return new NativeFailure(error->Code, message);
    }

    public override string ToString() => $"{Code}: {Message}";
}
