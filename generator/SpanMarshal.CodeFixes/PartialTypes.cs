using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace SpanMarshal.CodeFixes;

/// <summary>Makes a type declaration and every declaration containing it <c>partial</c>.</summary>
internal static class PartialTypes
{
    public static void MakePartial(DocumentEditor editor, TypeDeclarationSyntax declaration)
    {
        foreach (TypeDeclarationSyntax type in declaration.AncestorsAndSelf().OfType<TypeDeclarationSyntax>())
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                editor.SetModifiers(type, editor.Generator.GetModifiers(type).WithPartial(true));
            }
        }
    }
}
