using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using SpanMarshal.Generator.Diagnostics;

namespace SpanMarshal.CodeFixes;

/// <summary>
/// SMG018's fix: marks a derived span type <c>[GenerateTraceMarshaller]</c> so it gets a marshaller
/// of its own, and makes it partial when it declares private span members.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MarkDerivedSpanCodeFixProvider))]
[Shared]
public sealed class MarkDerivedSpanCodeFixProvider : CodeFixProvider
{
    private const string Title = "Mark it [GenerateTraceMarshaller]";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnmarkedDerivedSpan.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(DiagnosticProperties.Mark)
                || root.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } declaration)
            {
                continue;
            }

            bool makePartial = diagnostic.Properties.ContainsKey(DiagnosticProperties.MakePartial);
            context.RegisterCodeFix(
                CodeAction.Create(Title, cancellationToken => MarkAsync(context.Document, declaration, makePartial, cancellationToken), equivalenceKey: Title),
                diagnostic);
        }
    }

    private static async Task<Document> MarkAsync(Document document, TypeDeclarationSyntax declaration, bool makePartial, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        AttributeLists.AddFirst(editor, declaration, "global::SpanMarshal.GenerateTraceMarshaller");
        if (makePartial)
        {
            PartialTypes.MakePartial(editor, declaration);
        }

        return editor.GetChangedDocument();
    }
}
