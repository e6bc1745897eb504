namespace SpanMarshal.Generator.Model;

/// <summary>What a Meta or Metrics collection's values are, and so which sink call sends each entry.</summary>
internal enum CollectionKind
{
    /// <summary>String values: <c>meta</c>.</summary>
    StringTags,

    /// <summary>Object values (a mixed tag bag): routed by <c>TagValues.Write</c>.</summary>
    TagBag,

    /// <summary>Numeric values: <c>metrics</c>.</summary>
    NumericTags,
}
