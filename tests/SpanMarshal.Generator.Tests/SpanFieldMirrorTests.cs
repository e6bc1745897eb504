using System;
using SpanMarshal.Generator.Model;
using Xunit;

namespace SpanMarshal.Generator.Tests;

public sealed class SpanFieldMirrorTests
{
    [Fact]
    public void The_generator_mirror_of_SpanField_matches_the_runtime_enum_name_for_value()
    {
        // The generator cannot reference the runtime, and reads [SpanField] arguments as integers.
        Assert.Equal(Enum.GetNames<SpanField>(), Enum.GetNames<SpanFieldKind>());
        Assert.All(Enum.GetValues<SpanField>(), f => Assert.Equal(f.ToString(), ((SpanFieldKind)(int)f).ToString()));
    }
}
