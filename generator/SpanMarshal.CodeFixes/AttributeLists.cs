using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace SpanMarshal.CodeFixes;

/// <summary>
/// Puts an attribute on a declaration on a line of its own, where the declaration started: after
/// its doc comment, at its indentation, with the file's line ending. (The workspace's own
/// attribute insertion lets the formatter add blank lines around the declaration.)
/// </summary>
internal static class AttributeLists
{
    /// <summary>Adds <c>[<paramref name="name"/>(<paramref name="arguments"/>)]</c>, simplified to what the file's usings allow.</summary>
    public static void AddFirst(DocumentEditor editor, MemberDeclarationSyntax declaration, string name, string? arguments = null)
    {
        AttributeSyntax attribute = SyntaxFactory.Attribute(
            SyntaxFactory.ParseName(name),
            arguments is null ? null : SyntaxFactory.ParseAttributeArgumentList("(" + arguments + ")"));
        editor.ReplaceNode(declaration, (current, _) => AddFirst((MemberDeclarationSyntax)current, attribute));
    }

    private static MemberDeclarationSyntax AddFirst(MemberDeclarationSyntax declaration, AttributeSyntax attribute)
    {
        SyntaxTriviaList leading = declaration.GetLeadingTrivia();
        SyntaxTriviaList indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();
        SyntaxTrivia endOfLine = declaration.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } found
            ? found
            : SyntaxFactory.LineFeed;
        AttributeListSyntax list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(endOfLine)
            .WithAdditionalAnnotations(Simplifier.Annotation);
        MemberDeclarationSyntax unindented = declaration.WithLeadingTrivia(indentation);
        return unindented.WithAttributeLists(unindented.AttributeLists.Insert(0, list));
    }
}
