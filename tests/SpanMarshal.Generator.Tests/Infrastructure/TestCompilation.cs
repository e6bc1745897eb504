using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Generator.Tests.Infrastructure;

/// <summary>Builds user compilations the way a .NET 10 project with warnings as errors would.</summary>
internal static class TestCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>.NET 10 reference assemblies plus the SpanMarshal runtime the tests run against.</summary>
    public static IReadOnlyList<MetadataReference> Net100 { get; } =
        [.. Basic.Reference.Assemblies.Net100.References.All, RuntimeReference];

    /// <summary>.NET 8 reference assemblies, the oldest the runtime targets: UnsafeAccessor cannot bind members of generic types there.</summary>
    public static IReadOnlyList<MetadataReference> Net80 { get; } =
        [.. Basic.Reference.Assemblies.Net80.References.All, RuntimeReference];

    /// <summary>netstandard2.0 references: no <c>UnsafeAccessorAttribute</c>.</summary>
    public static IReadOnlyList<MetadataReference> NetStandard20 { get; } =
        [.. Basic.Reference.Assemblies.NetStandard20.References.All, RuntimeReference];

    private static MetadataReference RuntimeReference => MetadataReference.CreateFromFile(typeof(ISpanSink).Assembly.Location);

    public static CSharpCompilation Create(
        string source,
        IReadOnlyList<MetadataReference>? references = null,
        bool allowUnsafe = true,
        LanguageVersion language = LanguageVersion.Latest)
        => CSharpCompilation.Create(
            "UserSpans",
            [CSharpSyntaxTree.ParseText(source, ParseOptions.WithLanguageVersion(language), path: "Spans.cs")],
            references ?? Net100,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: allowUnsafe,
                warningLevel: 9999));

    /// <summary>Errors and warnings: what fails a build with <c>TreatWarningsAsErrors</c>.</summary>
    public static List<Diagnostic> Problems(Compilation compilation)
        => [.. compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];
}
