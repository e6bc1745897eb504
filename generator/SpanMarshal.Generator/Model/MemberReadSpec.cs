namespace SpanMarshal.Generator.Model;

/// <summary>How generated code reads one member: directly or through an <c>UnsafeAccessor</c>.</summary>
/// <param name="Role">What the member feeds (a span field's name, or <c>Tag</c>); names its accessor, so accessors stay unique.</param>
/// <param name="Name">The member's name as written in C# (keywords escaped).</param>
/// <param name="MetadataName">The member's metadata name, for <c>UnsafeAccessor</c>.</param>
/// <param name="Access">How generated code reaches it.</param>
/// <param name="DeclaringType">The fully qualified type that declares it (its open form for a generic owner).</param>
/// <param name="MemberType">Its fully qualified declared type (as the open generic declares it, for a generic owner).</param>
/// <param name="GenericOwner">For accessors of members of a generic type, the class that declares them.</param>
internal sealed record MemberReadSpec(
    string Role,
    string Name,
    string MetadataName,
    MemberAccessKind Access,
    string DeclaringType,
    string MemberType,
    GenericAccessorOwner? GenericOwner);
