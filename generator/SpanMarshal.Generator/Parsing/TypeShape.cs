using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SpanMarshal.Generator.Parsing;

/// <summary>Questions about a span type's declaration: can it host a marshaller, and where.</summary>
internal static class TypeShape
{
    /// <summary>Why the type cannot have a marshaller, or null when it can.</summary>
    public static string? UnsupportedReason(INamedTypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Struct)
        {
            return "it is a struct; span types must be classes";
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            return "it is an interface; mark a class that implements it";
        }

        if (type.TypeKind != TypeKind.Class)
        {
            return "it is not a class";
        }

        if (type.IsStatic)
        {
            return "it is a static class, which has no instances";
        }

        if (ContainingTypesAndSelf(type).Any(t => t.TypeParameters.Length > 0))
        {
            return "it is an open generic type; mark a closed, non-generic class derived from it";
        }

        if (ContainingTypesAndSelf(type).Any(t => t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal))
        {
            return "it is not accessible within its assembly, where the marshaller is registered; make it and its containing types internal or public";
        }

        return null;
    }

    /// <summary>The type and its containing types, outermost first.</summary>
    public static List<INamedTypeSymbol> ContainingTypesAndSelf(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            chain.Insert(0, current);
        }

        return chain;
    }

    public static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
        => type.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    /// <summary>The keyword that re-declares the type as a partial part.</summary>
    public static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    /// <summary>A name as written in C#, escaping keywords.</summary>
    public static string Identifier(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
