namespace SpanMarshal.Marshalling.Sinks;

/// <summary>
/// What marshalling counted, in the vocabulary every pipeline, response, log line and metric uses.
/// </summary>
/// <param name="TraceCount">Traces marshalled and ready to send.</param>
/// <param name="SpanCount">Spans in those traces.</param>
/// <param name="DroppedTraceCount">Traces left out entirely (null, empty, too large, or every span dropped).</param>
/// <param name="DroppedSpanCount">Spans left out, including every span of a dropped trace.</param>
/// <param name="TooLargeTraceCount">Of the dropped traces, those larger than one request may be.</param>
/// <param name="TooLargeSpanCount">Of the dropped spans, those in traces too large to send.</param>
/// <param name="SkippedTagCount">Tags left out because their value was neither a string nor a number.</param>
/// <param name="FirstDropReason">Why the first span or trace was left out, when one was.</param>
internal readonly record struct BatchTally(
    int TraceCount,
    int SpanCount,
    int DroppedTraceCount,
    int DroppedSpanCount,
    int TooLargeTraceCount,
    int TooLargeSpanCount,
    int SkippedTagCount,
    string? FirstDropReason)
{
    /// <summary>True when something was left out (a log line and the response say what).</summary>
    public bool LeftSomethingOut => DroppedTraceCount != 0 || DroppedSpanCount != 0 || SkippedTagCount != 0;

    /// <summary>The sum of two tallies (the fills of one send's batch).</summary>
    public static BatchTally operator +(BatchTally left, BatchTally right) => new(
        left.TraceCount + right.TraceCount,
        left.SpanCount + right.SpanCount,
        left.DroppedTraceCount + right.DroppedTraceCount,
        left.DroppedSpanCount + right.DroppedSpanCount,
        left.TooLargeTraceCount + right.TooLargeTraceCount,
        left.TooLargeSpanCount + right.TooLargeSpanCount,
        left.SkippedTagCount + right.SkippedTagCount,
        left.FirstDropReason ?? right.FirstDropReason);
}
