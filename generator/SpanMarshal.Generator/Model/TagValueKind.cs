namespace SpanMarshal.Generator.Model;

/// <summary>How a <c>[SpanTag]</c> member's value is sent.</summary>
internal enum TagValueKind
{
    /// <summary>A <c>string</c>: a <c>meta</c> tag; null sends nothing.</summary>
    String,

    /// <summary><c>double</c>, <c>float</c>, <c>long</c> or <c>int</c>: a <c>metrics</c> tag, always sent.</summary>
    Number,

    /// <summary>A <c>Nullable&lt;T&gt;</c> of those: a <c>metrics</c> tag; null sends nothing.</summary>
    NullableNumber,
}
