using System;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// The few msgpack encodings the v0.4 span map needs, written through a <c>ref byte</c> whose
/// capacity the caller has already ensured (one check per span part instead of one per value).
/// Integers and headers use the smallest form, as MessagePack-CSharp and libdatadog's rmp encoder
/// do, so the output is byte-for-byte MessagePack-CSharp's.
/// </summary>
internal static class MsgPack
{
    /// <summary>The largest header of a str, array or map (marker + 32-bit length).</summary>
    public const int MaxHeaderBytes = 5;

    /// <summary>The largest encoded integer or float64 (marker + 8 bytes).</summary>
    public const int MaxScalarBytes = 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteUInt64(ref byte destination, ulong value)
    {
        if (value <= 0x7F)
        {
            destination = (byte)value;
            return 1;
        }

        // Ids and start times are above 32 bits, durations (in ns) mostly above 16: a span's scalars stay inline.
        if (value > uint.MaxValue)
        {
            destination = 0xCF;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 1), BinaryPrimitives.ReverseEndianness(value));
            return 9;
        }

        if (value > ushort.MaxValue)
        {
            destination = 0xCE;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 1), BinaryPrimitives.ReverseEndianness((uint)value));
            return 5;
        }

        return WriteUInt64Slow(ref destination, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteInt64(ref byte destination, long value)
    {
        if (value >= 0)
        {
            return WriteUInt64(ref destination, (ulong)value);
        }

        if (value >= -32)
        {
            destination = unchecked((byte)value);
            return 1;
        }

        return WriteNegativeSlow(ref destination, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteDouble(ref byte destination, double value)
    {
        destination = 0xCB;
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 1), BinaryPrimitives.ReverseEndianness(BitConverter.DoubleToUInt64Bits(value)));
        return 9;
    }

    /// <summary>Copies <paramref name="constant"/> (pre-encoded msgpack); constant lengths let the JIT unroll it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Copy(ref byte destination, ReadOnlySpan<byte> constant)
    {
        constant.CopyTo(MemoryMarshal.CreateSpan(ref destination, constant.Length));
        return constant.Length;
    }

    /// <summary>
    /// Writes <paramref name="value"/> as a msgpack str (header and bytes); up to 128 bytes (a URL, most values) move
    /// without a call to memmove.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe int WriteString(ref byte destination, CharSlice value)
    {
        int length = (int)value.Len;
        int header = StringHeaderSize(length);
        WriteStringHeader(ref destination, length, header);
        CopyMediumBytes(ref Unsafe.Add(ref destination, header), ref *value.Ptr, length);
        return header + length;
    }

    /// <summary>Writes <paramref name="value"/> as a msgpack str (header and bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteString(ref byte destination, ReadOnlySpan<byte> value)
    {
        int header = StringHeaderSize(value.Length);
        WriteStringHeader(ref destination, value.Length, header);
        CopyBytes(ref Unsafe.Add(ref destination, header), ref MemoryMarshal.GetReference(value), value.Length);
        return header + value.Length;
    }

    /// <summary>The most bytes <see cref="WriteSlotString"/> writes: a str8 header and a whole slot.</summary>
    public const int SlotStringBytes = 2 + Utf8Strings.SlotBytes;

    /// <summary>
    /// Writes a string held in a <see cref="Utf8Strings"/> slot (at most <see cref="Utf8Strings.SlotBytes"/> bytes): the
    /// slot is copied with fixed-size vector moves, its first 32 bytes for a string that fits them (a fixstr, most tag
    /// values) or the whole slot, so the destination needs <see cref="SlotStringBytes"/> bytes; what lies past the
    /// string is overwritten by the next write. Each call site sees the same strings span after span: its one branch
    /// predicts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteSlotString(ref byte destination, ref byte slot, int length)
    {
        if (length < 32)
        {
            destination = (byte)(0xA0 | length);
            Copy32(ref slot, ref Unsafe.Add(ref destination, 1));
            return 1 + length;
        }

        Unsafe.WriteUnaligned(ref destination, (ushort)(0xD9 | (length << 8)));
        ref byte text = ref Unsafe.Add(ref destination, 2);
        Copy32(ref slot, ref text);
        Copy32(ref Unsafe.Add(ref slot, 32), ref Unsafe.Add(ref text, 32));
        return 2 + length;
    }

    // Not a constant-length CopyBlock: the JIT makes 64 bytes one move where the machine has AVX-512, which measured
    // 2 ns per span slower than two 32-byte moves on this project's EPYC machines.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy32(ref byte source, ref byte destination)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256.LoadUnsafe(ref source).StoreUnsafe(ref destination);
        }
        else
        {
            Vector128.LoadUnsafe(ref source).StoreUnsafe(ref destination);
            Vector128.LoadUnsafe(ref source, 16).StoreUnsafe(ref destination, 16);
        }
    }

    /// <summary>
    /// Copies <paramref name="length"/> bytes between buffers that do not overlap. Span strings and
    /// tag keys are mostly under 32 bytes: those take two overlapping loads and stores in place of a
    /// call to memmove, which was about a tenth of the encoder's time. Each call site sees the same
    /// lengths span after span, so its branches predict.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyBytes(ref byte destination, ref byte source, int length)
    {
        if ((uint)length <= 16)
        {
            if (length >= 8)
            {
                ulong head = Unsafe.ReadUnaligned<ulong>(ref source);
                ulong tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, length - 8));
                Unsafe.WriteUnaligned(ref destination, head);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, length - 8), tail);
            }
            else if (length >= 4)
            {
                uint head = Unsafe.ReadUnaligned<uint>(ref source);
                uint tail = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref source, length - 4));
                Unsafe.WriteUnaligned(ref destination, head);
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, length - 4), tail);
            }
            else if (length != 0)
            {
                // One to three bytes: first, middle and last cover them all.
                destination = source;
                Unsafe.Add(ref destination, length >> 1) = Unsafe.Add(ref source, length >> 1);
                Unsafe.Add(ref destination, length - 1) = Unsafe.Add(ref source, length - 1);
            }
        }
        else if (length <= 32)
        {
            Vector128<byte> head = Vector128.LoadUnsafe(ref source);
            Vector128<byte> tail = Vector128.LoadUnsafe(ref source, (nuint)(length - 16));
            head.StoreUnsafe(ref destination);
            tail.StoreUnsafe(ref destination, (nuint)(length - 16));
        }
        else
        {
            Unsafe.CopyBlockUnaligned(ref destination, ref source, (uint)length);
        }
    }

    /// <summary>
    /// Copies <paramref name="length"/> bytes between buffers that do not overlap, for runs that are
    /// mostly 32 to 128 bytes (a span's metrics map): up to four overlapping 32-byte loads and stores
    /// in place of a call to memmove. Kept apart from <see cref="CopyBytes"/> so the call sites of
    /// short copies do not grow.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyMediumBytes(ref byte destination, ref byte source, int length)
    {
        if ((uint)(length - 32) <= 96 && Vector256.IsHardwareAccelerated)
        {
            nuint tail = (nuint)(length - 32);
            Vector256<byte> first = Vector256.LoadUnsafe(ref source);
            Vector256<byte> last = Vector256.LoadUnsafe(ref source, tail);
            if (length > 64)
            {
                Vector256<byte> second = Vector256.LoadUnsafe(ref source, 32);
                Vector256<byte> beforeLast = Vector256.LoadUnsafe(ref source, tail - 32);
                second.StoreUnsafe(ref destination, 32);
                beforeLast.StoreUnsafe(ref destination, tail - 32);
            }

            first.StoreUnsafe(ref destination);
            last.StoreUnsafe(ref destination, tail);
        }
        else
        {
            CopyBytes(ref destination, ref source, length);
        }
    }

    /// <summary>
    /// Transcodes <paramref name="value"/> straight into place behind a header sized for
    /// <paramref name="maxBytes"/>, then narrows the header (moving the bytes back) when the real
    /// length needs a smaller one. Invalid UTF-16 becomes U+FFFD, as in every other string sent.
    /// </summary>
    public static int WriteUtf16(ref byte destination, string value, int maxBytes)
    {
        // A short ASCII string (a URL, an id) needs no worst-case header: its length is its size.
        int asciiHeader = StringHeaderSize(value.Length);
        if (ShortAscii.TryNarrow(ref Unsafe.AsRef(in value.GetPinnableReference()), value.Length, ref Unsafe.Add(ref destination, asciiHeader)))
        {
            WriteStringHeader(ref destination, value.Length, asciiHeader);
            return asciiHeader + value.Length;
        }

        int header = StringHeaderSize(maxBytes);
        System.Text.Unicode.Utf8.FromUtf16(value, MemoryMarshal.CreateSpan(ref Unsafe.Add(ref destination, header), maxBytes), out _, out int written);
        int size = StringHeaderSize(written);
        if (size < header)
        {
            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref destination, header), written)
                .CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref destination, size), written));
        }

        WriteStringHeader(ref destination, written, size);
        return size + written;
    }

    /// <summary>The size of the smallest str header for <paramref name="length"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int StringHeaderSize(int length) => length <= 31 ? 1 : length <= byte.MaxValue ? 2 : length <= ushort.MaxValue ? 3 : 5;

    /// <summary>Writes a str header of exactly <paramref name="size"/> bytes (a form able to hold <paramref name="length"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteStringHeader(ref byte destination, int length, int size)
    {
        switch (size)
        {
            case 1:
                destination = (byte)(0xA0 | length);
                return;
            case 2:
                destination = 0xD9;
                Unsafe.Add(ref destination, 1) = (byte)length;
                return;
            case 3:
                destination = 0xDA;
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 1), BinaryPrimitives.ReverseEndianness((ushort)length));
                return;
            default:
                destination = 0xDB;
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 1), BinaryPrimitives.ReverseEndianness((uint)length));
                return;
        }
    }

    /// <summary>The size of the smallest array or map header for <paramref name="count"/> entries.</summary>
    public static int CollectionHeaderSize(int count) => count <= 15 ? 1 : count <= ushort.MaxValue ? 3 : 5;

    /// <summary>Writes an array (or, with <paramref name="isMap"/>, map) header of exactly <paramref name="size"/> bytes.</summary>
    public static void WriteCollectionHeader(ref byte destination, int count, int size, bool isMap)
    {
        switch (size)
        {
            case 1:
                destination = (byte)((isMap ? 0x80 : 0x90) | count);
                return;
            case 3:
                destination = isMap ? (byte)0xDE : (byte)0xDC;
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 1), BinaryPrimitives.ReverseEndianness((ushort)count));
                return;
            default:
                destination = isMap ? (byte)0xDF : (byte)0xDD;
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 1), BinaryPrimitives.ReverseEndianness((uint)count));
                return;
        }
    }

    // 0x80 to ushort.MaxValue; the smaller and larger values are written inline.
    private static int WriteUInt64Slow(ref byte destination, ulong value)
    {
        if (value <= byte.MaxValue)
        {
            destination = 0xCC;
            Unsafe.Add(ref destination, 1) = (byte)value;
            return 2;
        }

        destination = 0xCD;
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 1), BinaryPrimitives.ReverseEndianness((ushort)value));
        return 3;
    }

    private static int WriteNegativeSlow(ref byte destination, long value)
    {
        if (value >= sbyte.MinValue)
        {
            destination = 0xD0;
            Unsafe.Add(ref destination, 1) = unchecked((byte)value);
            return 2;
        }

        if (value >= short.MinValue)
        {
            destination = 0xD1;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 1), BinaryPrimitives.ReverseEndianness((short)value));
            return 3;
        }

        if (value >= int.MinValue)
        {
            destination = 0xD2;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 1), BinaryPrimitives.ReverseEndianness((int)value));
            return 5;
        }

        destination = 0xD3;
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 1), BinaryPrimitives.ReverseEndianness(value));
        return 9;
    }
}
