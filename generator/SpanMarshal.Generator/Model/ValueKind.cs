namespace SpanMarshal.Generator.Model;

/// <summary>How a member's declared type is read and converted into its span field.</summary>
internal enum ValueKind
{
    String,
    Utf8Array,
    Utf8Memory,
    UInt64,
    Int64,
    UInt128,
    DateTime,
    DateTimeOffset,
    TimeSpan,
    DoubleSeconds,
    Boolean,
    Int32,
    StringTags,
    TagBag,
    NumericTags,
}
