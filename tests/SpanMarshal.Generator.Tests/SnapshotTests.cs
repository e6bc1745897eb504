using System;
using System.IO;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace SpanMarshal.Generator.Tests;

public sealed class SnapshotTests
{
    [Theory]
    [MemberData(nameof(SpanSources.Shapes), MemberType = typeof(SpanSources))]
    public void Generated_code_matches_the_snapshot(string name, string source)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(source);

        Assert.Empty(TestCompilation.Problems(outcome.Output));
        Snapshot.Match(name, outcome.SingleSource);
    }

    [Fact]
    public void Hint_names_are_unique_per_type_and_name_the_type()
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(SpanSources.PrivatePartial);

        Assert.Equal("Shop.Tracing.Outer.Middle.PrivateSpan.TraceMarshaller.g.cs", Assert.Single(outcome.Sources).HintName);
    }

    [Fact]
    public void A_snapshot_mismatch_fails_with_a_diff_and_a_received_file()
    {
        string directory = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(directory, "s.verified.cs"), "same\nold line\n");

        var failure = Assert.Throws<XunitException>(() => Snapshot.Compare(directory, "s", "same\nnew line\n", accept: false));

        Assert.Contains("-   2: old line\n+   2: new line", failure.Message, StringComparison.Ordinal);
        Assert.Equal("same\nnew line\n", File.ReadAllText(Path.Combine(directory, "s.received.cs")));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Accepting_rewrites_the_snapshot_with_LF_endings()
    {
        string directory = Directory.CreateTempSubdirectory().FullName;

        Snapshot.Compare(directory, "s", "a\r\nb\r\n", accept: true);

        Assert.Equal("a\nb\n", File.ReadAllText(Path.Combine(directory, "s.verified.cs")));
        Snapshot.Compare(directory, "s", "a\nb\n", accept: false);
        Directory.Delete(directory, recursive: true);
    }
}
