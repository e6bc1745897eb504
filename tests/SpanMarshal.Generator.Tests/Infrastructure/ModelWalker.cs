using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace SpanMarshal.Generator.Tests.Infrastructure;

/// <summary>Walks a pipeline value's object graph and names every symbol, syntax node or compilation in it.</summary>
internal static class ModelWalker
{
    public static List<string> FindForbidden(object? value, string path)
    {
        var found = new List<string>();
        Walk(value, path, found, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return found;
    }

    private static void Walk(object? value, string path, List<string> found, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        if (value is ISymbol or SyntaxNode or Compilation or SemanticModel or SyntaxTree)
        {
            found.Add($"{path}: {value.GetType().Name}");
            return;
        }

        if (!value.GetType().IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            int index = 0;
            foreach (object? item in items)
            {
                Walk(item, $"{path}[{index++}]", found, seen);
            }

            return;
        }

        foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(value), path + "." + field.Name, found, seen);
        }
    }
}
