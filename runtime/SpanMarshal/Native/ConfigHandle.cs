using Microsoft.Win32.SafeHandles;

namespace SpanMarshal.Native;

/// <summary>Owns a <c>ddog_TraceExporterConfig</c>; the exporter copies what it needs, so it is freed right after <c>ddog_trace_exporter_new</c>.</summary>
internal sealed class ConfigHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ConfigHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.ddog_trace_exporter_config_free(handle);
        return true;
    }
}
