using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace SpanMarshal.Marshalling;

/// <summary>
/// Converts span times into <see cref="TracerSpanFields.Start"/> and <see cref="TracerSpanFields.Duration"/>
/// nanoseconds. Part of the contract between generated marshallers and the runtime; not meant to be
/// called by hand.
/// </summary>
/// <remarks>
/// No conversion wraps or throws, whatever the project's overflow checking. A value that has no
/// nanosecond form in a <see cref="long"/> (a time past 2262-04-11, the overflowing
/// <c>default(DateTime)</c> or <see cref="DateTime.MaxValue"/>, NaN or infinite seconds) or that no
/// span can have (a negative duration) becomes <see cref="Unrepresentable"/>. The runtime drops a
/// span whose start is not after the Unix epoch or whose duration is negative, and counts it.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SpanTime
{
    /// <summary>What a time that cannot be sent converts to: never a valid start or duration.</summary>
    public const long Unrepresentable = -1;

    private const long NanosecondsPerTick = 100;
    private const long MaxTicks = long.MaxValue / NanosecondsPerTick;
    private const long MinTicks = long.MinValue / NanosecondsPerTick;

    /// <summary>
    /// Nanoseconds since the Unix epoch. A <see cref="DateTimeKind.Local"/> value is converted to UTC;
    /// <see cref="DateTimeKind.Utc"/> and <see cref="DateTimeKind.Unspecified"/> are taken as UTC,
    /// since tracers record UTC and an unspecified kind usually means "UTC from a clock".
    /// </summary>
    /// <param name="value">The start time.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long FromDateTime(DateTime value)
        => FromTicksSinceEpoch((value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).Ticks - DateTime.UnixEpoch.Ticks);

    /// <summary>Nanoseconds since the Unix epoch of the instant <paramref name="value"/> denotes.</summary>
    /// <param name="value">The start time.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long FromDateTimeOffset(DateTimeOffset value) => FromTicksSinceEpoch(value.UtcTicks - DateTime.UnixEpoch.Ticks);

    /// <summary>The duration in nanoseconds; <see cref="Unrepresentable"/> when it is negative or too long.</summary>
    /// <param name="value">The duration.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long FromTimeSpan(TimeSpan value)
        => value.Ticks >= 0 ? FromTicksSinceEpoch(value.Ticks) : Unrepresentable;

    /// <summary>
    /// A duration in seconds, in nanoseconds (truncated); <see cref="Unrepresentable"/> when it is
    /// negative, NaN, infinite or too long.
    /// </summary>
    /// <param name="seconds">The duration in seconds.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long FromSeconds(double seconds)
    {
        double nanoseconds = seconds * 1e9;

        // 2^63 is the first double past long.MaxValue; the negated test is false for NaN, so NaN fails it too.
        return nanoseconds >= 0 && nanoseconds < 9223372036854775808.0 ? (long)nanoseconds : Unrepresentable;
    }

    /// <summary>Nanoseconds held as <see cref="ulong"/>; <see cref="Unrepresentable"/> past <see cref="long.MaxValue"/>.</summary>
    /// <param name="nanoseconds">A start (since the Unix epoch) or a duration.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long FromNanoseconds(ulong nanoseconds)
        => nanoseconds <= long.MaxValue ? (long)nanoseconds : Unrepresentable;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long FromTicksSinceEpoch(long ticks)
        => ticks is >= MinTicks and <= MaxTicks ? ticks * NanosecondsPerTick : Unrepresentable;
}
