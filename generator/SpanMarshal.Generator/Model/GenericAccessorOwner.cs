namespace SpanMarshal.Generator.Model;

/// <summary>
/// The generic class that holds <c>UnsafeAccessor</c>s for members of a generic base type: the
/// runtime only binds such accessors when declared with the target's own type parameters.
/// </summary>
/// <param name="Name">The accessor class's name.</param>
/// <param name="TypeParameters">Its type parameter list, e.g. <c>&lt;T&gt;</c>.</param>
/// <param name="Constraints">Its constraint clauses, copied from the target type (may be empty).</param>
/// <param name="TypeArguments">The closed type arguments used at the call site, e.g. <c>&lt;int&gt;</c>.</param>
internal sealed record GenericAccessorOwner(string Name, string TypeParameters, string Constraints, string TypeArguments);
