using Microsoft.Extensions.Logging;
using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Diagnostics;

/// <summary>Every message SpanMarshal logs, in one place (source-generated, no allocation when disabled).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "SpanMarshal: using the {Pipeline} pipeline because {Reason}.")]
    public static partial void PipelineChosen(ILogger logger, string pipeline, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "SpanMarshal: the agent's response is not valid rate_by_service JSON ({Reason}); no service rates were applied.")]
    public static partial void MalformedServiceRates(ILogger logger, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "SpanMarshal: {Count} tag(s) in this send had values that are neither strings nor numbers and were left out.")]
    public static partial void SkippedTags(ILogger logger, int count);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "SpanMarshal: {TraceCount} whole trace(s) and {SpanCount} span(s) in all were left out of this send; the first because {Reason}.")]
    public static partial void Dropped(ILogger logger, int traceCount, int spanCount, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "SpanMarshal: {TraceCount} trace(s) of this send were not sent because an earlier request failed ({Reason}).")]
    public static partial void NotAttempted(ILogger logger, int traceCount, string reason);

    /// <summary>What marshalling left out, worded the same whichever pipeline ran: at most one warning of each kind per send.</summary>
    public static void LeftOut(ILogger logger, BatchTally tally)
    {
        if (tally.SkippedTagCount != 0)
        {
            SkippedTags(logger, tally.SkippedTagCount);
        }

        if (tally.DroppedSpanCount != 0 || tally.DroppedTraceCount != 0)
        {
            Dropped(logger, tally.DroppedTraceCount, tally.DroppedSpanCount, tally.FirstDropReason ?? "of an unrecorded reason");
        }
    }
}
