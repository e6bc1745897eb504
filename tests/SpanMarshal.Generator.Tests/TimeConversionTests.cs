using System;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary>
/// Generated time conversions, compiled into a project with overflow checking on: nothing throws,
/// nothing wraps, and a time that cannot be sent arrives as -1, which the runtime drops.
/// </summary>
public sealed class TimeConversionTests
{
    [Theory]
    [InlineData("DateTime Start", "default")]
    [InlineData("DateTime Start", "DateTime.MaxValue")]
    [InlineData("DateTime Start", "new DateTime(2262, 4, 11, 23, 47, 16, 855, DateTimeKind.Utc)")]
    [InlineData("DateTime Start", "new DateTime(9000, 1, 1, 0, 0, 0, DateTimeKind.Local)")]
    [InlineData("DateTimeOffset Start", "DateTimeOffset.MinValue")]
    [InlineData("DateTimeOffset Start", "DateTimeOffset.MaxValue")]
    [InlineData("ulong StartTimeUnixNano", "ulong.MaxValue")]
    [InlineData("ulong StartTimeUnixNano", "(ulong)long.MaxValue + 1")]
    public void An_unrepresentable_start_arrives_as_minus_one(string member, string value)
        => Assert.Equal(-1, Marshal(member, value).Start);

    [Theory]
    [InlineData("TimeSpan Duration", "TimeSpan.MaxValue")]
    [InlineData("TimeSpan Duration", "TimeSpan.MinValue")]
    [InlineData("TimeSpan Duration", "TimeSpan.FromTicks(-1)")]
    [InlineData("double Duration", "double.NaN")]
    [InlineData("double Duration", "double.PositiveInfinity")]
    [InlineData("double Duration", "double.NegativeInfinity")]
    [InlineData("double Duration", "-0.5")]
    [InlineData("double Duration", "1e300")]
    [InlineData("double Duration", "9223372036.854775808")]
    [InlineData("ulong DurationNs", "ulong.MaxValue")]
    public void An_unrepresentable_or_negative_duration_arrives_as_minus_one(string member, string value)
        => Assert.Equal(-1, Marshal(member, value).Duration);

    [Theory]
    [InlineData("DateTime Start", "new DateTime(2262, 4, 11, 23, 47, 16, 854, DateTimeKind.Utc).AddTicks(7750)", 9_223_372_036_854_775_000)]
    [InlineData("DateTime Start", "DateTime.UnixEpoch.AddTicks(1)", 100)]
    [InlineData("DateTime Start", "new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc)", -1_000_000_000)]
    [InlineData("DateTimeOffset Start", "new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2))", 1_704_164_645_000_000_000)]
    [InlineData("long Start", "-5", -5)]
    [InlineData("ulong StartTimeUnixNano", "(ulong)long.MaxValue", long.MaxValue)]
    public void A_representable_start_arrives_exactly(string member, string value, long expected)
        => Assert.Equal(expected, Marshal(member, value).Start);

    [Theory]
    [InlineData("TimeSpan Duration", "TimeSpan.Zero", 0)]
    [InlineData("TimeSpan Duration", "TimeSpan.FromTicks(long.MaxValue / 100)", long.MaxValue / 100 * 100)]
    [InlineData("double Duration", "-0.0", 0)]
    [InlineData("double Duration", "0.25", 250_000_000)]
    [InlineData("double DurationSeconds", "1.5", 1_500_000_000)]
    [InlineData("long DurationNanoseconds", "-7", -7)]
    [InlineData("ulong DurationNs", "42", 42)]
    public void A_representable_duration_arrives_exactly(string member, string value, long expected)
        => Assert.Equal(expected, Marshal(member, value).Duration);

    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Unspecified)]
    [InlineData(DateTimeKind.Local)]
    public void A_DateTime_is_taken_as_UTC_unless_its_kind_is_Local(DateTimeKind kind)
    {
        var start = new DateTime(2024, 1, 2, 3, 4, 5, kind);
        // The test project runs under a time zone with an offset (test.runsettings sets TZ), so a
        // Local value that is not converted arrives hours off; under UTC this test could not fail.
        Assert.NotEqual(TimeSpan.Zero, TimeZoneInfo.Local.GetUtcOffset(start));

        Recording r = Marshal("DateTime Start", $"new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.{kind})");

        DateTimeOffset instant = kind == DateTimeKind.Local
            ? new DateTimeOffset(start, TimeZoneInfo.Local.GetUtcOffset(start))
            : new DateTimeOffset(start.Ticks, TimeSpan.Zero);
        Assert.Equal(instant.ToUnixTimeMilliseconds() * 1_000_000, r.Start);
    }

    private static Recording Marshal(string member, string value)
    {
        string source = $$"""
            using System;
            using SpanMarshal;
            [GenerateTraceMarshaller]
            public class S
            {
                public string Name = "n";
                public {{member}} = {{value}};
            }
            public static class Probe { public static object Create() => new S(); }
            """;
        return RuntimeHarness.Marshal(source, checkOverflow: true);
    }
}
