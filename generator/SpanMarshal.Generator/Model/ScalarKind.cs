namespace SpanMarshal.Generator.Model;

/// <summary>How a scalar member's declared type converts into its span field.</summary>
internal enum ScalarKind
{
    /// <summary>A <c>string</c>, transcoded to UTF-8 by the sink.</summary>
    String,

    /// <summary>A <c>byte[]</c> of UTF-8, pinned and passed without a copy.</summary>
    Utf8Array,

    /// <summary>A <c>ReadOnlyMemory&lt;byte&gt;</c> of UTF-8, pinned and passed without a copy.</summary>
    Utf8Memory,

    /// <summary>A <c>ulong</c> id, sent as is.</summary>
    UnsignedId,

    /// <summary>A <c>long</c> id, its bits reinterpreted as <c>ulong</c>.</summary>
    SignedId,

    /// <summary>A <c>UInt128</c> trace id, split into its low and high halves.</summary>
    TraceId128,

    /// <summary>A <c>long</c> count of nanoseconds (since the Unix epoch for a start), sent as is.</summary>
    Nanoseconds,

    /// <summary>A <c>ulong</c> count of nanoseconds, -1 when it does not fit a <c>long</c>.</summary>
    UnsignedNanoseconds,

    /// <summary>A <c>DateTime</c> start.</summary>
    DateTime,

    /// <summary>A <c>DateTimeOffset</c> start.</summary>
    DateTimeOffset,

    /// <summary>A <c>TimeSpan</c> duration.</summary>
    TimeSpan,

    /// <summary>A <c>double</c> duration in seconds.</summary>
    Seconds,

    /// <summary>A <c>bool</c> error flag.</summary>
    Boolean,

    /// <summary>An <c>int</c> error status: an error when non-zero.</summary>
    NonZeroInt32,
}
