namespace SpanMarshal.Generator.Model;

/// <summary>Everything the emitter needs for one span type; value-equatable, no symbols or syntax.</summary>
/// <param name="Namespace">The namespace, or null for the global namespace.</param>
/// <param name="SpanType">The span type, fully qualified.</param>
/// <param name="MarshallerName">The generated marshaller's simple name.</param>
/// <param name="HintName">The generated file's hint name.</param>
/// <param name="ContainingTypes">Outermost first; the marshaller is nested in these (empty at namespace level).</param>
/// <param name="Fields">The members that fill scalar span fields, in span-field order.</param>
/// <param name="TagMembers">The <c>[SpanTag]</c> members, in declaration order (base classes first).</param>
/// <param name="Collections">The Meta and Metrics collections, in span-field order.</param>
internal sealed record SpanTypeSpec(
    string? Namespace,
    string SpanType,
    string MarshallerName,
    string HintName,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    EquatableArray<FieldMemberSpec> Fields,
    EquatableArray<TagMemberSpec> TagMembers,
    EquatableArray<TagCollectionSpec> Collections)
{
    /// <summary>The marshaller's fully qualified name.</summary>
    public string MarshallerType
    {
        get
        {
            string prefix = ContainingTypes.Length > 0 ? SpanType + "." : Namespace is null ? "global::" : "global::" + Namespace + ".";
            return prefix + MarshallerName;
        }
    }
}
