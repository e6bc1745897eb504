using System.Collections.Generic;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>The time unit a member name states (<c>DurationMs</c>) and the one a raw number is read in.</summary>
internal static class TimeUnits
{
    private const string Nanoseconds = "ns";
    private const string Seconds = "s";
    private const string Other = "other";

    private static readonly Dictionary<string, string> ByWord = new(System.StringComparer.Ordinal)
    {
        ["ns"] = Nanoseconds,
        ["nano"] = Nanoseconds,
        ["nanos"] = Nanoseconds,
        ["nanosecond"] = Nanoseconds,
        ["nanoseconds"] = Nanoseconds,
        ["sec"] = Seconds,
        ["secs"] = Seconds,
        ["second"] = Seconds,
        ["seconds"] = Seconds,
        ["ms"] = Other,
        ["milli"] = Other,
        ["millis"] = Other,
        ["millisecond"] = Other,
        ["milliseconds"] = Other,
        ["us"] = Other,
        ["micro"] = Other,
        ["micros"] = Other,
        ["microsecond"] = Other,
        ["microseconds"] = Other,
        ["tick"] = Other,
        ["ticks"] = Other,
        ["min"] = Other,
        ["mins"] = Other,
        ["minute"] = Other,
        ["minutes"] = Other,
        ["hour"] = Other,
        ["hours"] = Other,
    };

    /// <summary>
    /// True when <c>[SpanField]</c> would read a value of <paramref name="kind"/> in the unit the
    /// name states. A raw number whose name states no unit could be in any, so it is not read right
    /// for sure; a <c>TimeSpan</c> or <c>DateTime</c> carries its own unit, and ids have none.
    /// </summary>
    public static bool NameAgrees(ScalarKind kind, HashSet<string> words)
    {
        string? read = kind switch
        {
            ScalarKind.Nanoseconds or ScalarKind.UnsignedNanoseconds => Nanoseconds,
            ScalarKind.Seconds => Seconds,
            _ => null,
        };
        return read is null || Named(words) == read;
    }

    private static string? Named(HashSet<string> words)
    {
        foreach (string word in words)
        {
            if (ByWord.TryGetValue(word, out string? unit))
            {
                return unit;
            }
        }

        return null;
    }
}
