namespace SpanMarshal.Generator.Model;

/// <summary>How a <c>[SpanTag]</c> member's value is sent.</summary>
internal enum TagValueKind
{
    /// <summary>A <c>string</c>: a <c>meta</c> tag; null sends nothing.</summary>
    String,

    /// <summary>A number (one of <c>MetricNumbers</c>): a <c>metrics</c> tag, always sent.</summary>
    Number,

    /// <summary>A <c>Nullable&lt;T&gt;</c> of those: a <c>metrics</c> tag; null sends nothing.</summary>
    NullableNumber,
}
