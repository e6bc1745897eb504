using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>One span field's row of <see cref="SpanFieldTable"/>.</summary>
internal sealed class FieldRule
{
    private readonly string[][] _hints;

    /// <param name="field">The span field.</param>
    /// <param name="scalars">The member types a scalar field reads; empty for Meta and Metrics.</param>
    /// <param name="pairValues">The pair value types a Meta or Metrics collection holds; empty for scalar fields.</param>
    /// <param name="names">The convention names, as written in the documentation.</param>
    /// <param name="hints">
    /// Word sets that make an unmapped member name look like this field, for SMG016: all the words
    /// must be in the name, none of those prefixed with <c>-</c>.
    /// </param>
    public FieldRule(SpanField field, AcceptedType<ScalarKind>[] scalars, AcceptedType<CollectionKind>[] pairValues, ConventionName[] names, string[] hints)
    {
        Field = field;
        Scalars = scalars;
        PairValues = pairValues;
        Names = names;
        _hints = [.. hints.Select(h => h.Split(' '))];
    }

    public SpanField Field { get; }

    public IReadOnlyList<AcceptedType<ScalarKind>> Scalars { get; }

    public IReadOnlyList<AcceptedType<CollectionKind>> PairValues { get; }

    public IReadOnlyList<ConventionName> Names { get; }

    public bool IsCollection => PairValues.Count > 0;

    /// <summary>How a member of <paramref name="type"/> converts, or null when this field (or its <paramref name="name"/>) does not read it.</summary>
    public ScalarKind? ClassifyScalar(ITypeSymbol type, ConventionName? name)
    {
        AcceptedType<ScalarKind>? accepted = Scalars.FirstOrDefault(a => a.Matches(type));
        return accepted is not null && (name is null || name.Accepts(accepted.Kind)) ? accepted.Kind : null;
    }

    /// <summary>What a collection whose pairs hold <paramref name="valueType"/> is, or null when this field does not take it.</summary>
    public CollectionKind? ClassifyPairValue(ITypeSymbol valueType)
        => PairValues.FirstOrDefault(a => a.Matches(valueType))?.Kind;

    /// <summary>True when the field reads a member of <paramref name="type"/> (whatever its name).</summary>
    public bool Reads(ITypeSymbol type)
    {
        if (!IsCollection)
        {
            return ClassifyScalar(type, name: null) is not null;
        }

        return CollectionShape.FindPairType(type) is { } pair
            && pair.TypeArguments[0].SpecialType == SpecialType.System_String
            && ClassifyPairValue(pair.TypeArguments[1]) is not null;
    }

    /// <summary>The accepted types, for diagnostic messages: those <paramref name="name"/> reads, or all of them.</summary>
    public string AcceptedTypes(ConventionName? name = null)
    {
        if (IsCollection)
        {
            return string.Join(", ", PairValues.Select(a => a.Display));
        }

        string accepted = string.Join(", ", Scalars.Where(a => name is null || name.Accepts(a.Kind)).Select(a => a.Display));
        return name is { IsNarrowed: true }
            ? $"{accepted} (what the name '{name.Name}' says it holds; [SpanField(SpanField.{Field})] reads {AcceptedTypes()})"
            : accepted;
    }

    /// <summary>True when a name made of <paramref name="words"/> looks like this field.</summary>
    public bool IsHintedBy(HashSet<string> words)
        => _hints.Any(hint => hint.All(word => word[0] == '-' ? !words.Contains(word.Substring(1)) : words.Contains(word)));

    /// <summary>The convention names, quoted, for messages: <c>'SpanId' or 'Id'</c>.</summary>
    public string QuotedNames() => string.Join(" or ", Names.Where(n => !n.IsNarrowed).Select(n => "'" + n.Name + "'"));
}
