namespace SpanMarshal.Generator.Model;

/// <summary>A meta, metrics or tag-bag member's enumeration details.</summary>
/// <param name="Enumeration">How to enumerate it.</param>
/// <param name="ValueType">The pair's value type, fully qualified, with its nullable annotation.</param>
/// <param name="IsValueType">True when the collection itself is a struct (no null check).</param>
internal sealed record TagCollectionSpec(EnumerationKind Enumeration, string ValueType, bool IsValueType);
