using System;
using SpanMarshal.Marshalling;
using Xunit;

namespace SpanMarshal.Tests;

/// <summary>
/// The time conversions generated marshallers call. Nothing wraps: a time with no nanosecond form
/// in a long, or a negative duration, is -1, which the sinks reject.
/// </summary>
public sealed class SpanTimeTests
{
    // 2262-04-11T23:47:16.8547758Z: the last tick whose nanoseconds since the epoch fit a long.
    private static readonly DateTime LastRepresentable = DateTime.UnixEpoch.AddTicks(long.MaxValue / 100);

    public static TheoryData<DateTime, long> DateTimes => new()
    {
        { DateTime.UnixEpoch, 0 },
        { DateTime.UnixEpoch.AddTicks(1), 100 },
        { new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), 1_704_164_645_000_000_000 },
        { new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified), 1_704_164_645_000_000_000 },
        { new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc), -1_000_000_000 },
        { LastRepresentable, long.MaxValue / 100 * 100 },
        { LastRepresentable.AddTicks(1), -1 },
        { new DateTime(2263, 1, 1, 0, 0, 0, DateTimeKind.Utc), -1 },
        { DateTime.MaxValue, -1 },
        { default, -1 },
        { new DateTime(1677, 9, 21, 0, 12, 43, 145, DateTimeKind.Utc).AddTicks(2242), long.MinValue / 100 * 100 },
        { new DateTime(1677, 9, 21, 0, 12, 43, 145, DateTimeKind.Utc).AddTicks(2241), -1 },
    };

    [Theory]
    [MemberData(nameof(DateTimes))]
    public void A_DateTime_is_nanoseconds_since_the_epoch_or_minus_one(DateTime value, long expected)
        => Assert.Equal(expected, SpanTime.FromDateTime(value));

    [Fact]
    public void A_local_DateTime_is_converted_to_UTC()
    {
        var local = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Local);
        TimeSpan offset = TimeZoneInfo.Local.GetUtcOffset(local);
        // test.runsettings runs the tests in a zone with an offset; under UTC this test could not fail.
        Assert.NotEqual(TimeSpan.Zero, offset);

        Assert.Equal((1_704_164_645 - (long)offset.TotalSeconds) * 1_000_000_000, SpanTime.FromDateTime(local));
    }

    [Fact]
    public void DateTimeOffset_uses_the_instant_whatever_its_offset()
    {
        Assert.Equal(1_704_164_645_000_000_000, SpanTime.FromDateTimeOffset(new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2))));
        Assert.Equal(-1, SpanTime.FromDateTimeOffset(DateTimeOffset.MaxValue));
        Assert.Equal(-1, SpanTime.FromDateTimeOffset(DateTimeOffset.MinValue));
        Assert.Equal(long.MaxValue / 100 * 100, SpanTime.FromDateTimeOffset(new DateTimeOffset(LastRepresentable)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 100)]
    [InlineData(long.MaxValue / 100, long.MaxValue / 100 * 100)]
    [InlineData((long.MaxValue / 100) + 1, -1)]
    [InlineData(long.MaxValue, -1)]
    [InlineData(-1, -1)]
    [InlineData(long.MinValue, -1)]
    public void A_TimeSpan_is_nanoseconds_or_minus_one_when_negative_or_too_long(long ticks, long expected)
        => Assert.Equal(expected, SpanTime.FromTimeSpan(TimeSpan.FromTicks(ticks)));

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.25, 250_000_000)]
    [InlineData(1e-10, 0)]
    [InlineData(9_223_372_036.854775, 9_223_372_036_854_774_784)]
    [InlineData(9_223_372_036.854775808, -1)]
    [InlineData(1e300, -1)]
    [InlineData(-1e-12, -1)]
    [InlineData(-0.5, -1)]
    [InlineData(double.NaN, -1)]
    [InlineData(double.PositiveInfinity, -1)]
    [InlineData(double.NegativeInfinity, -1)]
    public void Seconds_are_truncated_nanoseconds_or_minus_one(double seconds, long expected)
        => Assert.Equal(expected, SpanTime.FromSeconds(seconds));

    [Fact]
    public void Negative_zero_seconds_is_no_time_not_a_negative_one()
        => Assert.Equal(0, SpanTime.FromSeconds(-0.0));

    [Theory]
    [InlineData(0UL, 0)]
    [InlineData((ulong)long.MaxValue, long.MaxValue)]
    [InlineData((ulong)long.MaxValue + 1, -1)]
    [InlineData(ulong.MaxValue, -1)]
    public void Unsigned_nanoseconds_pass_through_or_become_minus_one(ulong nanoseconds, long expected)
        => Assert.Equal(expected, SpanTime.FromNanoseconds(nanoseconds));

    [Fact]
    public void Minus_one_is_the_documented_unrepresentable_value()
        => Assert.Equal(-1, SpanTime.Unrepresentable);
}
