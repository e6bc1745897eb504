namespace SpanMarshal.Generator.Model;

/// <summary>A <c>[SpanTag("key")]</c> member: sent as one tag whose key is a compile-time constant.</summary>
/// <param name="Key">The tag key, exactly as written in the attribute.</param>
/// <param name="Kind">Whether it is a meta or a metric tag, and whether it can be null.</param>
/// <param name="Read">How generated code reads it.</param>
/// <param name="CastToDouble">True for a number C# does not convert to <c>double</c> implicitly.</param>
internal sealed record TagMemberSpec(string Key, TagValueKind Kind, MemberReadSpec Read, bool CastToDouble);
