using System.ComponentModel;
using System.Runtime.InteropServices;

namespace SpanMarshal.Marshalling;

/// <summary>
/// The fixed fields of one span, with libdatadog's <c>ddog_TracerSpanFields</c> layout
/// (<c>#[repr(C)]</c>, 120 bytes, 8-byte aligned). Generated marshallers fill one on the stack;
/// part of the generated-code contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[StructLayout(LayoutKind.Sequential)]
public struct TracerSpanFields
{
    /// <summary>The service name (offset 0).</summary>
    public CharSlice Service;

    /// <summary>The operation name (offset 16).</summary>
    public CharSlice Name;

    /// <summary>The resource name (offset 32).</summary>
    public CharSlice Resource;

    /// <summary>The span type (offset 48).</summary>
    public CharSlice SpanType;

    /// <summary>The lower 64 bits of the trace id (offset 64).</summary>
    public ulong TraceIdLow;

    /// <summary>The upper 64 bits of the trace id (offset 72); 0 for a 64-bit trace id.</summary>
    public ulong TraceIdHigh;

    /// <summary>The span id (offset 80).</summary>
    public ulong SpanId;

    /// <summary>The parent span id, 0 for a root span (offset 88).</summary>
    public ulong ParentId;

    /// <summary>Start time in nanoseconds since the Unix epoch (offset 96).</summary>
    public long Start;

    /// <summary>Duration in nanoseconds (offset 104).</summary>
    public long Duration;

    /// <summary>1 when the span is an error, else 0 (offset 112).</summary>
    public int Error;
}
