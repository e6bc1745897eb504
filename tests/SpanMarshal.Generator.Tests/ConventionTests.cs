using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary>The naming conventions taken from tracers' span models, and the names that say their unit.</summary>
public sealed class ConventionTests
{
    [Theory]
    [InlineData("public string SpanName = \"op\";", "Name", "op")]
    [InlineData("public ulong ParentSpanId = 7;", "ParentId", "7")]
    [InlineData("public bool HasError = true;", "Error", "1")]
    [InlineData("public DateTimeOffset StartTimestamp = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);", "Start", "1700000000123000000")]
    [InlineData("public DateTime StartTimeUtc = DateTime.UnixEpoch.AddSeconds(3);", "Start", "3000000000")]
    [InlineData("public ulong StartTimeUnixNano = 1_700_000_000_000_000_001;", "Start", "1700000000000000001")]
    [InlineData("public long StartEpochNanos = 42;", "Start", "42")]
    [InlineData("public long StartNs = 43;", "Start", "43")]
    [InlineData("public long DurationNanoseconds = 5;", "Duration", "5")]
    [InlineData("public ulong DurationNs = 6;", "Duration", "6")]
    [InlineData("public long DurationNano = 7;", "Duration", "7")]
    [InlineData("public double DurationSeconds = 1.5;", "Duration", "1500000000")]
    public void Tracer_model_names_map_by_convention(string member, string field, string expected)
    {
        string name = field == "Name" ? "" : "public string Name = \"n\";";
        string source = $$"""
            using System;
            using SpanMarshal;
            [GenerateTraceMarshaller]
            public class S { {{name}} {{member}} }
            public static class Probe { public static object Create() => new S(); }
            """;

        Recording r = RuntimeHarness.Marshal(source);

        object actual = field switch
        {
            "Name" => r.Name!,
            "ParentId" => r.ParentId,
            "Error" => r.Error,
            "Start" => r.Start,
            _ => r.Duration,
        };
        Assert.Equal(expected, System.Convert.ToString(actual, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("public long StartTimestamp;", "long", "Start", "DateTime, DateTimeOffset (what the name 'StartTimestamp' says it holds; [SpanField(SpanField.Start)] reads long (ns since the Unix epoch), ulong (ns since the Unix epoch), DateTime, DateTimeOffset)")]
    [InlineData("public double DurationNs;", "double", "Duration", "long (ns), ulong (ns) (what the name 'DurationNs' says it holds; [SpanField(SpanField.Duration)] reads long (ns), ulong (ns), TimeSpan, double (seconds))")]
    [InlineData("public TimeSpan DurationSeconds;", "System.TimeSpan", "Duration", "double (seconds) (what the name 'DurationSeconds' says it holds; [SpanField(SpanField.Duration)] reads long (ns), ulong (ns), TimeSpan, double (seconds))")]
    public async Task A_name_that_says_its_unit_reads_no_number_in_another(string member, string type, string field, string accepted)
    {
        Diagnostic diagnostic = Assert.Single(await AnalyzeAsync(member));

        Assert.Equal("SMG003", diagnostic.Id);
        string name = member.Split(' ')[2].TrimEnd(';');
        Assert.Equal(
            $"Member '{name}' of type '{type}' cannot feed span field '{field}'; accepted types: {accepted}",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task SpanField_reads_what_the_field_reads_whatever_the_name()
        => Assert.Empty(await AnalyzeAsync("[SpanField(SpanField.Start)] public long StartTimestamp;"));

    [Fact]
    public async Task A_convention_name_in_snake_case_is_a_warning_with_the_fix_where_the_convention_reads_the_type()
    {
        Diagnostic fixable = Assert.Single(await AnalyzeAsync("public DateTimeOffset start_timestamp;"));
        Diagnostic notFixable = Assert.Single(await AnalyzeAsync("public long start_timestamp;"));

        Assert.Equal(("SMG008", "Start"), (fixable.Id, fixable.Properties["SpanField"]));
        Assert.Equal("SMG008", notFixable.Id);
        Assert.False(notFixable.Properties.ContainsKey("SpanField"));
    }

    internal static async Task<Diagnostic[]> AnalyzeAsync(string members, bool withIds = true)
    {
        string ids = withIds ? " public ulong TraceId, SpanId;" : "";
        string source = "using System; using System.Collections.Generic; using SpanMarshal;\n[GenerateTraceMarshaller]\npublic class S { public string? Name;" + ids + "\n    " + members + "\n}";
        return [.. await AnalyzerHarness.RunAsync(TestCompilation.Create(source))];
    }
}
