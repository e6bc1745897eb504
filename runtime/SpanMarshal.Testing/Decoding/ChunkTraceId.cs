using System;
using System.Collections.Generic;
using System.Globalization;

namespace SpanMarshal.Testing.Decoding;

/// <summary>
/// Completes the 128-bit trace ids of a decoded chunk: tracers send the high half once per chunk,
/// as meta <c>_dd.p.tid</c> (16 lowercase hex digits) of its first span, and it applies to every span of the chunk.
/// </summary>
internal static class ChunkTraceId
{
    public const string HighTag = "_dd.p.tid";

    public static void Complete(List<ReceivedSpan> chunk, string where)
    {
        if (chunk.Count == 0 || !chunk[0].Meta.TryGetValue(HighTag, out string? hex))
        {
            return;
        }

        ulong high = ParseHigh(hex) ?? throw new PayloadException($"{where} span 0: meta '{HighTag}' is '{Shorten(hex)}', not 16 lowercase hex digits");
        for (int i = 0; i < chunk.Count; i++)
        {
            chunk[i] = chunk[i] with { TraceId = new UInt128(high, (ulong)chunk[i].TraceId) };
        }
    }

    private static ulong? ParseHigh(string hex)
    {
        if (hex.Length != 16)
        {
            return null;
        }

        foreach (char c in hex)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return null;
            }
        }

        return ulong.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
