using System;

namespace SpanMarshal.Marshalling;

/// <summary>
/// The <c>_dd.p.tid</c> tag: the high half of a 128-bit trace id as 16 lowercase hex digits.
/// Both pipelines set it on the first span of each chunk, because the v0.4 format (and
/// libdatadog's encoder) carries only the low 64 bits in <c>trace_id</c>.
/// </summary>
internal static class TraceIdTag
{
    public const string Key = "_dd.p.tid";

    public static ReadOnlySpan<byte> KeyUtf8 => "_dd.p.tid"u8;

    /// <summary>Writes the 16 hex digits of <paramref name="high"/> into <paramref name="destination"/> (at least 16 bytes).</summary>
    public static void Format(ulong high, Span<byte> destination)
    {
        ReadOnlySpan<byte> digits = "0123456789abcdef"u8;
        for (int i = 15; i >= 0; i--)
        {
            destination[i] = digits[(int)(high & 0xF)];
            high >>= 4;
        }
    }
}
