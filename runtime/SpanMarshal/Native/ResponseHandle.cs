using Microsoft.Win32.SafeHandles;
using SpanMarshal.Pipelines;

namespace SpanMarshal.Native;

/// <summary>Owns a <c>ddog_TraceExporterResponse</c> (written only when a send succeeds).</summary>
internal sealed class ResponseHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ResponseHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>A managed copy of the agent's body, at most <see cref="AnswerBody.MaxBytes"/> of it: the native bytes die with the response.</summary>
    public AnswerBody CopyBody() => IsInvalid ? AnswerBody.Empty : AnswerBody.Copy(NativeMethods.ddog_trace_exporter_response_get_body(this).Prefix(AnswerBody.MaxBytes + 1));

    protected override bool ReleaseHandle()
    {
        NativeMethods.ddog_trace_exporter_response_free(handle);
        return true;
    }
}
