using System;
using System.Runtime.InteropServices;

namespace SpanMarshal.Native;

/// <summary>libdatadog's <c>ddog_ByteSlice</c>: <c>{ const uint8_t *ptr; uintptr_t len; }</c>, borrowed.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly unsafe struct ByteSlice
{
    public readonly byte* Ptr;
    public readonly nuint Len;

    public ByteSlice(byte* ptr, nuint len)
    {
        Ptr = ptr;
        Len = len;
    }

    public ReadOnlySpan<byte> AsSpan() => Len == 0 ? default : new(Ptr, checked((int)Len));
}
