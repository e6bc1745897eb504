using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary>The generated code allocates nothing per span when the span's collections have struct enumerators.</summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData(nameof(SpanSources.CommonTypes), SpanSources.CommonTypes)]
    [InlineData(nameof(SpanSources.PrivatePartial), SpanSources.PrivatePartial)]
    [InlineData(nameof(SpanSources.ScalarVariants), SpanSources.ScalarVariants)]
    [InlineData(nameof(SpanSources.SpanTags), SpanSources.SpanTags)]
    public void Marshalling_a_span_allocates_nothing(string name, string source)
        => Assert.True(RuntimeHarness.AllocatedBytesFor1000Spans(source) == 0, name);

    [Fact]
    public void The_measurement_sees_a_boxed_interface_enumerator()
    {
        // IReadOnlyDictionary over a SortedDictionary has no struct path: proof the measurement can fail.
        Assert.True(RuntimeHarness.AllocatedBytesFor1000Spans(SpanSources.AlternateTypes) > 0);
    }
}
