using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpanMarshal.Marshalling;

/// <summary>
/// Narrows an ASCII string of at most <see cref="MaxChars"/> chars to bytes with at most four vector loads and two
/// stores, where <c>Ascii.FromUtf16</c> loops (a string cache's every miss, a URL on most spans, goes through here).
/// </summary>
internal static class ShortAscii
{
    public const int MaxChars = 64;

    private const ulong NonAsciiBits = 0xFF80_FF80_FF80_FF80;

    /// <summary>
    /// Writes <paramref name="length"/> (at most <see cref="MaxChars"/>) chars from <paramref name="source"/> as bytes
    /// at <paramref name="destination"/>, or returns false, having written nothing, when one is not ASCII or the
    /// machine lacks 256-bit vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryNarrow(ref char source, int length, ref byte destination)
    {
        if (!Vector256.IsHardwareAccelerated || (uint)length > MaxChars)
        {
            return false;
        }

        ref ushort chars = ref Unsafe.As<char, ushort>(ref source);
        if (length >= 16)
        {
            return length >= 32 ? Narrow32To64(ref chars, length, ref destination) : Narrow16To31(ref chars, length, ref destination);
        }

        if (length >= 8)
        {
            nuint tail = (nuint)(length - 8);
            Vector128<ushort> first = Vector128.LoadUnsafe(ref chars);
            Vector128<ushort> last = Vector128.LoadUnsafe(ref chars, tail);
            if (((first | last) & Vector128.Create((ushort)0xFF80)) != Vector128<ushort>.Zero)
            {
                return false;
            }

            Vector128<ulong> bytes = Vector128.Narrow(first, last).AsUInt64();
            Unsafe.WriteUnaligned(ref destination, bytes.GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, tail), bytes.GetElement(1));
            return true;
        }

        return length >= 4 ? Narrow4To7(ref chars, length, ref destination) : Narrow0To3(ref chars, length, ref destination);
    }

    private static bool Narrow32To64(ref ushort chars, int length, ref byte destination)
    {
        nuint tail = (nuint)(length - 32);
        Vector256<ushort> a = Vector256.LoadUnsafe(ref chars);
        Vector256<ushort> b = Vector256.LoadUnsafe(ref chars, 16);
        Vector256<ushort> c = Vector256.LoadUnsafe(ref chars, tail);
        Vector256<ushort> d = Vector256.LoadUnsafe(ref chars, tail + 16);
        if (((a | b | c | d) & Vector256.Create((ushort)0xFF80)) != Vector256<ushort>.Zero)
        {
            return false;
        }

        Vector256.Narrow(a, b).StoreUnsafe(ref destination);
        Vector256.Narrow(c, d).StoreUnsafe(ref destination, tail);
        return true;
    }

    private static bool Narrow16To31(ref ushort chars, int length, ref byte destination)
    {
        nuint tail = (nuint)(length - 16);
        Vector256<ushort> first = Vector256.LoadUnsafe(ref chars);
        Vector256<ushort> last = Vector256.LoadUnsafe(ref chars, tail);
        if (((first | last) & Vector256.Create((ushort)0xFF80)) != Vector256<ushort>.Zero)
        {
            return false;
        }

        Vector256<byte> bytes = Vector256.Narrow(first, last);
        bytes.GetLower().StoreUnsafe(ref destination);
        bytes.GetUpper().StoreUnsafe(ref destination, tail);
        return true;
    }

    private static bool Narrow4To7(ref ushort chars, int length, ref byte destination)
    {
        ulong first = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref chars));
        ulong last = Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref chars, length - 4)));
        if (((first | last) & NonAsciiBits) != 0)
        {
            return false;
        }

        Unsafe.WriteUnaligned(ref destination, Pack(first));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, length - 4), Pack(last));
        return true;
    }

    // As CopyBytes copies one to three bytes: the first, the middle and the last.
    private static bool Narrow0To3(ref ushort chars, int length, ref byte destination)
    {
        if (length == 0)
        {
            return true;
        }

        ushort first = chars;
        ushort middle = Unsafe.Add(ref chars, length >> 1);
        ushort last = Unsafe.Add(ref chars, length - 1);
        if (((first | middle | last) & 0xFF80) != 0)
        {
            return false;
        }

        destination = (byte)first;
        Unsafe.Add(ref destination, length >> 1) = (byte)middle;
        Unsafe.Add(ref destination, length - 1) = (byte)last;
        return true;
    }

    // Four ASCII chars (little-endian UTF-16) to their four bytes.
    private static uint Pack(ulong chars)
        => (uint)((chars & 0xFF) | ((chars >> 8) & 0xFF00) | ((chars >> 16) & 0xFF_0000) | ((chars >> 24) & 0xFF00_0000));
}
