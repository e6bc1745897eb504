using System;

namespace SpanMarshal;

/// <summary>
/// Maps a field or property to a span field explicitly. It wins over the naming conventions.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SpanFieldAttribute : Attribute
{
    /// <summary>Maps the member to <paramref name="field"/>.</summary>
    public SpanFieldAttribute(SpanField field) => Field = field;

    /// <summary>The span field this member feeds.</summary>
    public SpanField Field { get; }
}
