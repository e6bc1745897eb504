namespace SpanMarshal.Marshalling.Sinks;

/// <summary>
/// What marshalling one batch (or one request of it) counted, in the vocabulary every pipeline
/// and every response uses.
/// </summary>
/// <param name="TraceCount">Traces marshalled and ready to send.</param>
/// <param name="SpanCount">Spans in those traces.</param>
/// <param name="DroppedTraceCount">Traces left out entirely (null, empty, too large, or every span dropped).</param>
/// <param name="DroppedSpanCount">Spans left out, including every span of a dropped trace.</param>
/// <param name="SkippedTagCount">Tags left out because their value was neither a string nor a number.</param>
/// <param name="FirstDropReason">Why the first span or trace was left out, when one was.</param>
internal readonly record struct BatchTally(
    int TraceCount,
    int SpanCount,
    int DroppedTraceCount,
    int DroppedSpanCount,
    int SkippedTagCount,
    string? FirstDropReason)
{
    /// <summary>True when something was left out (a log line and the response say what).</summary>
    public bool LeftSomethingOut => DroppedTraceCount != 0 || DroppedSpanCount != 0 || SkippedTagCount != 0;

    /// <summary>The sum of two tallies (the requests of one batch).</summary>
    public static BatchTally operator +(BatchTally left, BatchTally right) => new(
        left.TraceCount + right.TraceCount,
        left.SpanCount + right.SpanCount,
        left.DroppedTraceCount + right.DroppedTraceCount,
        left.DroppedSpanCount + right.DroppedSpanCount,
        left.SkippedTagCount + right.SkippedTagCount,
        left.FirstDropReason ?? right.FirstDropReason);
}
