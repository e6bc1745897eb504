namespace SpanMarshal.Generator.Model;

/// <summary>A type the generated marshaller is nested in, re-declared as <c>partial</c>.</summary>
/// <param name="Keyword">class, record, struct, record struct or interface.</param>
/// <param name="Name">The type's simple name.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
