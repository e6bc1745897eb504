using System.Collections.Immutable;
using System.Composition;
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
/// Maps a member whose name looks like a span field (SMG008, SMG016) with <c>[SpanField(SpanField.X)]</c>.
/// Offered only where the analyzer found the attribute would read the value right (a <c>long DurationMs</c>
/// would be read as nanoseconds, so it gets no fix).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSpanFieldCodeFixProvider))]
[Shared]
public sealed class AddSpanFieldCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.AmbiguousConventionName.Id,
        DiagnosticDescriptors.NearMissName.Id);

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
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.SpanField, out string? field)
                || field is null
                || Declaration(root.FindNode(diagnostic.Location.SourceSpan)) is not { } declaration)
            {
                continue;
            }

            string title = $"Map it with [SpanField(SpanField.{field})]";
            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => AddAsync(context.Document, declaration, field, cancellationToken), equivalenceKey: title),
                diagnostic);
        }
    }

    /// <summary>The declaration to put the attribute on: a property, or a field that declares this one variable only.</summary>
    private static MemberDeclarationSyntax? Declaration(SyntaxNode node) => node switch
    {
        PropertyDeclarationSyntax property => property,
        VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax field } } => field,
        _ => null,
    };

    private static async Task<Document> AddAsync(Document document, MemberDeclarationSyntax declaration, string field, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        AttributeLists.AddFirst(editor, declaration, "global::SpanMarshal.SpanField", "global::SpanMarshal.SpanField." + field);
        return editor.GetChangedDocument();
    }
}
