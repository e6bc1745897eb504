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
    public const string InvalidDuration = "its duration is negative or too large to send in nanoseconds (TimeSpan.MaxValue, NaN, or a value the marshaller could not convert)";
}
