namespace SpanMarshal.Generator.Model;

/// <summary>How generated code reaches a member.</summary>
internal enum MemberAccessKind
{
    /// <summary><c>span.Member</c>: accessible from where the marshaller is emitted.</summary>
    Direct,

    /// <summary>An <c>[UnsafeAccessor(Field)]</c> returning a reference to the field.</summary>
    FieldAccessor,

    /// <summary>An <c>[UnsafeAccessor(Method)]</c> calling the property's <c>get_</c> method.</summary>
    GetterAccessor,
}
