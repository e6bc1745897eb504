using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SpanMarshal.CodeFixes;

namespace SpanMarshal.Generator.Tests.Infrastructure;

/// <summary>Applies a code fix in a workspace, as the IDE's light bulb does.</summary>
internal static class CodeFixHarness
{
    /// <summary>Every code fix the package ships.</summary>
    public static CodeFixProvider[] All { get; } = [new MakePartialCodeFixProvider(), new AddSpanFieldCodeFixProvider(), new MarkDerivedSpanCodeFixProvider()];

    /// <summary>
    /// The source fixed by the one provider that handles diagnostic <paramref name="id"/> (reported
    /// once), or null when the fix is not offered.
    /// </summary>
    public static async Task<string?> ApplyAsync(string source, string id, IReadOnlyList<MetadataReference> references)
    {
        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "User",
            "User",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: TestCompilation.ParseOptions,
            metadataReferences: references));
        Document document = workspace.AddDocument(project.Id, "Spans.cs", SourceText.From(source));
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        Diagnostic diagnostic = (await AnalyzerHarness.RunAsync(compilation)).Single(d => d.Id == id);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await All.Single(p => p.FixableDiagnosticIds.Contains(id)).RegisterCodeFixesAsync(context);
        if (actions.Count == 0)
        {
            return null;
        }

        ImmutableArray<CodeActionOperation> operations = await actions.Single().GetOperationsAsync(CancellationToken.None);
        Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
    }
}
