namespace SpanMarshal.Generator.Model;

/// <summary>One member of a span type mapped to one span field.</summary>
/// <param name="Field">The span field it feeds.</param>
/// <param name="Kind">How its value is converted.</param>
/// <param name="Read">How generated code reads it.</param>
/// <param name="Tags">Enumeration details for tag collections, else null.</param>
internal sealed record MemberSpec(
    SpanFieldKind Field,
    ValueKind Kind,
    MemberReadSpec Read,
    TagCollectionSpec? Tags);
