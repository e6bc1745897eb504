namespace SpanMarshal.Marshalling.Sinks;

/// <summary>Why the sink core leaves a span or trace out, worded once for every pipeline.</summary>
internal static class DropReasons
{
    public const string NullTrace = "a trace in the batch is null";
    public const string EmptyTrace = "a trace in the batch has no spans";
    public const string NullSpan = "a span in the trace is null";
    public const string ZeroTraceId = "its trace id is 0 (the agent drops such spans)";
    public const string ZeroSpanId = "its span id is 0 (the agent drops such spans)";
    public const string InvalidStart = "its start time is not between 1970 and 2262 (an unset DateTime, DateTime.MaxValue, or a value the marshaller could not convert)";
    /// <summary>A trace that cannot fit in one request (an encoder returns this very instance, so it is told apart from other failures).</summary>
    public const string TraceTooLarge = "the trace is larger than the agent's request limit";

    /// <summary>A string whose UTF-8 exceeds <see cref="Utf8Strings.MaxStringBytes"/>: no view of it is made.</summary>
    public const string StringTooLarge = "a string in it is larger than 64 MiB of UTF-8";

    public const string InvalidDuration = "its duration is negative or too large to send in nanoseconds (TimeSpan.MaxValue, NaN, or a value the marshaller could not convert)";
}
