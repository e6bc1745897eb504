using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Diagnostics;
using SpanMarshal.Generator.Tests.Infrastructure;
using Xunit;

namespace SpanMarshal.Generator.Tests;

/// <summary>Every descriptor is reported by the analyzer, documented and tracked for release.</summary>
public sealed class DescriptorTests
{
    private static readonly DiagnosticDescriptor[] Descriptors = [.. typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => f.GetValue(null))
        .OfType<DiagnosticDescriptor>()];

    [Fact]
    public void The_analyzer_supports_every_descriptor_with_one_prefix_and_category()
    {
        Assert.Equal(19, Descriptors.Length);
        Assert.Equal(Descriptors.Select(d => d.Id).Order(), AnalyzerHarness.All.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Order());
        Assert.All(Descriptors, d => Assert.StartsWith("SMG", d.Id, System.StringComparison.Ordinal));
        Assert.Single(Descriptors.Select(d => d.Category).Distinct());
    }

    [Fact]
    public void Every_descriptor_has_a_help_page_and_a_release_entry()
    {
        string root = RepositoryRoot();
        string unshipped = File.ReadAllText(Path.Combine(root, "generator", "SpanMarshal.Generator", "AnalyzerReleases.Unshipped.md"));

        Assert.All(Descriptors, d =>
        {
            string page = Path.Combine(root, "docs", "diagnostics", d.Id + ".md");
            Assert.True(File.Exists(page), page);
            Assert.StartsWith("# " + d.Id + ":", File.ReadAllText(page), System.StringComparison.Ordinal);
            Assert.Contains($"{d.Id} | {d.Category} | {d.DefaultSeverity} |", unshipped, System.StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_help_link_is_a_page_of_the_repository_that_Directory_Build_props_declares()
    {
        string root = RepositoryRoot();
        string declared = XDocument.Load(Path.Combine(root, "Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;
        string pages = declared + "/blob/main/";

        Assert.All(Descriptors, d =>
        {
            Assert.StartsWith(pages, d.HelpLinkUri, System.StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(root, d.HelpLinkUri[pages.Length..])), d.HelpLinkUri);
        });
    }

    private static string RepositoryRoot([CallerFilePath] string path = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}
