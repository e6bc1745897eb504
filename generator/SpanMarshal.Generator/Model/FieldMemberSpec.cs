namespace SpanMarshal.Generator.Model;

/// <summary>A member that fills one scalar span field (a name, an id, a time or the error flag).</summary>
/// <param name="Field">The span field it fills.</param>
/// <param name="Kind">How its value converts.</param>
/// <param name="Read">How generated code reads it.</param>
internal sealed record FieldMemberSpec(SpanField Field, ScalarKind Kind, MemberReadSpec Read);
