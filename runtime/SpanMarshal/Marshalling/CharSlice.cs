using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace SpanMarshal.Marshalling;

/// <summary>
/// A borrowed UTF-8 string: libdatadog's <c>ddog_CharSlice</c> (<c>{ const char *ptr; uintptr_t len; }</c>).
/// Never NUL-terminated; <see cref="Ptr"/> may be null only when <see cref="Len"/> is 0.
/// Part of the generated-code contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[StructLayout(LayoutKind.Sequential)]
public readonly unsafe struct CharSlice
{
    /// <summary>The first byte (<c>ptr</c>), or null for an empty slice.</summary>
    [SuppressMessage("Naming", "CA1720", Justification = "Mirrors ddog_CharSlice.ptr.")]
    public readonly byte* Ptr;

    /// <summary>The length in bytes (<c>len</c>).</summary>
    public readonly nuint Len;

    /// <summary>Wraps <paramref name="length"/> bytes at <paramref name="start"/>; the memory must outlive every use of the slice.</summary>
    public CharSlice(byte* start, nuint length)
    {
        Ptr = start;
        Len = length;
    }

    /// <summary>Wraps <paramref name="length"/> bytes at <paramref name="start"/>.</summary>
    public CharSlice(byte* start, int length)
        : this(start, (nuint)length)
    {
    }

    /// <summary>A view of a string too large to transcode (see Utf8Strings.MaxStringBytes): a length without bytes; its span is left out.</summary>
    internal bool IsUnavailable => Ptr == null && Len != 0;

    /// <summary>True when the slice holds no bytes.</summary>
    public bool IsEmpty => Len == 0;

    /// <summary>The bytes as a span (valid only as long as the memory behind the slice).</summary>
    public ReadOnlySpan<byte> AsSpan() => new(Ptr, checked((int)Len));
}
