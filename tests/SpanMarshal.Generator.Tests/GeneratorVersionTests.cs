using System.IO;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

public sealed class GeneratorVersionTests
{
    [Fact]
    public void GeneratedCode_names_the_version_the_generator_was_built_as()
    {
        string version = Regex.Match(File.ReadAllText(Path.Combine(RepositoryRoot(), "Directory.Build.props")), "<Version>([^<]+)</Version>").Groups[1].Value;

        string source = GeneratorHarness.Run(SpanSources.ReadmeExample).SingleSource;

        Assert.NotEmpty(version);
        Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"SpanMarshal.Generator\", \"{version}\")]", source, System.StringComparison.Ordinal);
    }

    private static string RepositoryRoot([CallerFilePath] string path = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}
