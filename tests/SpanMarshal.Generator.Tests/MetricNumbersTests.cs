using System;
using System.Linq;
using System.Numerics;
using SpanMarshal.Generator.Parsing;
using SpanMarshal.Generator.Tests.Infrastructure;
using SpanMarshal.Marshalling;
using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary>
/// The generator's list of metric numbers and the runtime's conversion are two halves of one file
/// (runtime/SpanMarshal/Marshalling/MetricNumbers.cs); this holds them to each other.
/// </summary>
public sealed class MetricNumbersTests
{
    /// <summary>Every number type of the BCL: every type implementing <c>INumberBase&lt;T&gt;</c>.</summary>
    public static TheoryData<Type> NumberTypes => [.. BclNumbers()];

    [Theory]
    [MemberData(nameof(NumberTypes))]
    public void The_tag_bag_sends_as_a_metric_exactly_the_numbers_the_generator_accepts(Type type)
    {
        var recording = new Recording();
        var sink = new RecordingSink(recording);

        TagValues.Write(ref sink, "k", Activator.CreateInstance(type));

        bool listed = MetricNumbers.Types.Any(t => t.MetadataName == type.FullName);
        Assert.Equal(listed ? ["SetMetric"] : ["SkipTag"], recording.Calls);
    }

    [Fact]
    public void Every_listed_type_is_a_BCL_number()
        => Assert.All(MetricNumbers.Types, t => Assert.Contains(BclNumbers(), type => type.FullName == t.MetadataName));

    private static Type[] BclNumbers() => [.. new[] { typeof(object).Assembly, typeof(BigInteger).Assembly }
        .SelectMany(a => a.GetExportedTypes())
        .Where(t => t is { IsGenericTypeDefinition: false, IsValueType: true } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INumberBase<>)))];
}
