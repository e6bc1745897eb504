namespace SpanMarshal.Generator.Model;

/// <summary>How generated code enumerates a tag collection without boxing where it can.</summary>
internal enum EnumerationKind
{
    /// <summary>The declared type's own <c>GetEnumerator</c> pattern (struct enumerators stay unboxed).</summary>
    Pattern,

    /// <summary>Declared as an interface: test for <c>Dictionary&lt;,&gt;</c> first, then use the interface.</summary>
    InterfaceWithDictionaryTest,

    /// <summary>A concrete type whose pattern yields something else: go through the interface.</summary>
    Interface,
}
