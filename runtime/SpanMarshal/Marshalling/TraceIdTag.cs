using System;

namespace SpanMarshal.Marshalling;

/// <summary>
/// The <c>_dd.p.tid</c> tag: the high half of a 128-bit trace id as 16 lowercase hex digits.
/// The sink core sets it on the first span of each trace, because the v0.4 format (and
/// libdatadog's encoder) carries only the low 64 bits in <c>trace_id</c>.
/// </summary>
internal static class TraceIdTag
{
    /// <summary>The length of the value: 16 hex digits.</summary>
    public const int HexLength = 16;

    public static ReadOnlySpan<byte> KeyUtf8 => "_dd.p.tid"u8;

    /// <summary>Writes the 16 hex digits of <paramref name="high"/> into <paramref name="destination"/> (at least 16 bytes).</summary>
    public static void Format(ulong high, Span<byte> destination)
    {
        ReadOnlySpan<byte> digits = "0123456789abcdef"u8;
        for (int i = HexLength - 1; i >= 0; i--)
        {
            destination[i] = digits[(int)(high & 0xF)];
            high >>= 4;
        }
    }
}
