using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>Builds the accessor class for members of a generic base type.</summary>
internal static class GenericConstraints
{
    /// <summary>The owner for <paramref name="declaring"/>, or null when the runtime cannot bind one (nested in a generic, or .NET 8).</summary>
    public static GenericAccessorOwner? OwnerFor(INamedTypeSymbol declaring, Compilation compilation)
    {
        bool runtimeBindsGenerics = compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly.Identity.Version.Major >= 9;
        if (!runtimeBindsGenerics || declaring.ContainingType?.IsGenericType == true)
        {
            return null;
        }

        INamedTypeSymbol definition = declaring.OriginalDefinition;
        return new GenericAccessorOwner(
            definition.Name + "Accessors",
            "<" + string.Join(", ", definition.TypeParameters.Select(p => p.Name)) + ">",
            string.Join(" ", definition.TypeParameters.Select(Clause).Where(c => c.Length > 0)),
            "<" + string.Join(", ", declaring.TypeArguments.Select(SpanTypeParser.Format)) + ">");
    }

    private static string Clause(ITypeParameterSymbol parameter)
    {
        var parts = new List<string>();
        if (parameter.HasReferenceTypeConstraint)
        {
            parts.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
        }
        else if (parameter.HasUnmanagedTypeConstraint)
        {
            parts.Add("unmanaged");
        }
        else if (parameter.HasValueTypeConstraint)
        {
            parts.Add("struct");
        }
        else if (parameter.HasNotNullConstraint)
        {
            parts.Add("notnull");
        }

        parts.AddRange(parameter.ConstraintTypes.Select(SpanTypeParser.Format));
        if (parameter.HasConstructorConstraint)
        {
            parts.Add("new()");
        }

        return parts.Count == 0 ? string.Empty : $"where {parameter.Name} : {string.Join(", ", parts)}";
    }
}
