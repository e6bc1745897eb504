using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// Copies of the short strings that make up most of a span (keys, names, tag values) without
/// a call into the runtime's memmove: two overlapping loads and stores cover any length in a
/// power-of-two band, and never touch a byte outside the source or the destination.
/// </summary>
internal static class ShortCopy
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(ref byte destination, ref byte source, int length)
    {
        uint n = (uint)length;
        if (n >= 16)
        {
            if (n <= 32)
            {
                Vector128<byte> head = Vector128.LoadUnsafe(ref source);
                Vector128<byte> tail = Vector128.LoadUnsafe(ref source, n - 16);
                head.StoreUnsafe(ref destination);
                tail.StoreUnsafe(ref destination, n - 16);
                return;
            }

            if (n <= 64 && Vector256.IsHardwareAccelerated)
            {
                Vector256<byte> head = Vector256.LoadUnsafe(ref source);
                Vector256<byte> tail = Vector256.LoadUnsafe(ref source, n - 32);
                head.StoreUnsafe(ref destination);
                tail.StoreUnsafe(ref destination, n - 32);
                return;
            }

            Unsafe.CopyBlockUnaligned(ref destination, ref source, n);
            return;
        }

        if (n >= 8)
        {
            ulong head = Unsafe.ReadUnaligned<ulong>(ref source);
            ulong tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, n - 8));
            Unsafe.WriteUnaligned(ref destination, head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, n - 8), tail);
            return;
        }

        if (n >= 4)
        {
            uint head = Unsafe.ReadUnaligned<uint>(ref source);
            uint tail = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref source, n - 4));
            Unsafe.WriteUnaligned(ref destination, head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, n - 4), tail);
            return;
        }

        if (n != 0)
        {
            // 1..3 bytes: first, middle and last (they overlap when n < 3).
            byte first = source;
            byte middle = Unsafe.Add(ref source, n >> 1);
            byte last = Unsafe.Add(ref source, n - 1);
            destination = first;
            Unsafe.Add(ref destination, n >> 1) = middle;
            Unsafe.Add(ref destination, n - 1) = last;
        }
    }
}
