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

    /// <summary>At most the first <paramref name="maxLength"/> bytes: a slice of any length (even over 2 GiB) is viewed without overflow.</summary>
    public ReadOnlySpan<byte> Prefix(int maxLength) => Len == 0 ? default : new(Ptr, (int)Math.Min(Len, (nuint)maxLength));
}
