namespace SpanMarshal.Generator.Model;

/// <summary>One member of a span type mapped to one span field.</summary>
/// <param name="Field">The span field it feeds.</param>
/// <param name="Kind">How its value is converted.</param>
/// <param name="Name">The member's name as written in C# (keywords escaped).</param>
/// <param name="MetadataName">The member's metadata name, for <c>UnsafeAccessor</c>.</param>
/// <param name="Access">How generated code reaches it.</param>
/// <param name="DeclaringType">The fully qualified type that declares it (its open form for a generic owner).</param>
/// <param name="MemberType">Its fully qualified declared type (as the open generic declares it, for a generic owner).</param>
/// <param name="Tags">Enumeration details for tag collections, else null.</param>
/// <param name="GenericOwner">For accessors of members of a generic type, the class that declares them.</param>
internal sealed record MemberSpec(
    SpanFieldKind Field,
    ValueKind Kind,
    string Name,
    string MetadataName,
    MemberAccessKind Access,
    string DeclaringType,
    string MemberType,
    TagCollectionSpec? Tags,
    GenericAccessorOwner? GenericOwner);
