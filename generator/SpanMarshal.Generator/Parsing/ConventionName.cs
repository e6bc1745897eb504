using System;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>
/// A member name that maps to a span field by convention. A name that says what its value is
/// (<c>DurationNs</c>, <c>StartTimestamp</c>) reads only the types that agree with it: a
/// <c>double DurationNs</c> is not taken for seconds, nor a <c>long StartTimestamp</c> for nanoseconds.
/// </summary>
internal sealed class ConventionName
{
    private readonly ScalarKind[]? _only;

    public ConventionName(string name, SpanField field, ScalarKind[]? only = null)
    {
        Name = name;
        Field = field;
        _only = only;
    }

    public string Name { get; }

    public SpanField Field { get; }

    /// <summary>True when the name narrows the field's types.</summary>
    public bool IsNarrowed => _only is not null;

    public bool Accepts(ScalarKind kind) => _only is null || Array.IndexOf(_only, kind) >= 0;
}
