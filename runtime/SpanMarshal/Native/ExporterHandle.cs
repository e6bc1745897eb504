using System.Threading;
using Microsoft.Win32.SafeHandles;

namespace SpanMarshal.Native;

/// <summary>
/// Owns a <c>ddog_TraceExporter</c>. <c>ddog_trace_exporter_free</c> blocks while libdatadog
/// shuts the exporter down, so where it runs matters:
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Never under a send: <see cref="TraceExporter"/> disposes its pipeline only after every
/// send has returned, and each binding call holds a reference on this handle (SafeHandle
/// marshalling), so even a stray release cannot free it mid-call.</item>
/// <item>Never blocking the finalizer thread: a handle that is finalized (the exporter was
/// leaked, so no send can be running: a send keeps the handle reachable) hands the free to
/// a background thread. Stalling the finalizer thread for a network shutdown would stall
/// every other finalizer in the process; leaking would keep libdatadog's threads and sockets.</item>
/// </list>
/// </remarks>
internal sealed class ExporterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private bool _finalizing;

    public ExporterHandle()
        : base(ownsHandle: true)
    {
    }

    protected override void Dispose(bool disposing)
    {
        _finalizing = !disposing;
        base.Dispose(disposing);
    }

    protected override bool ReleaseHandle()
    {
        if (!_finalizing)
        {
            NativeMethods.ddog_trace_exporter_free(handle);
            return true;
        }

        var thread = new Thread(static exporter => NativeMethods.ddog_trace_exporter_free((nint)exporter!))
        {
            IsBackground = true,
            Name = "SpanMarshal exporter shutdown",
        };
        thread.UnsafeStart(handle);
        return true;
    }
}
