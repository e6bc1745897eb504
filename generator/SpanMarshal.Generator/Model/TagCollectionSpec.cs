namespace SpanMarshal.Generator.Model;

/// <summary>A Meta or Metrics member: a collection of key/value pairs enumerated after the span starts.</summary>
/// <param name="Field">Meta or Metrics.</param>
/// <param name="Kind">What its values are.</param>
/// <param name="Enumeration">How to enumerate it without boxing where possible.</param>
/// <param name="ValueType">The pair's value type, fully qualified, with its nullable annotation.</param>
/// <param name="IsValueType">True when the collection itself is a struct (no null check).</param>
/// <param name="Read">How generated code reads it.</param>
/// <param name="CastToDouble">True for metric values C# does not convert to <c>double</c> implicitly.</param>
internal sealed record TagCollectionSpec(
    SpanField Field,
    CollectionKind Kind,
    EnumerationKind Enumeration,
    string ValueType,
    bool IsValueType,
    MemberReadSpec Read,
    bool CastToDouble);
