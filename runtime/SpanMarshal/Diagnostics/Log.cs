using System;
using Microsoft.Extensions.Logging;
using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Diagnostics;

/// <summary>Every message SpanMarshal logs, in one place (source-generated, no allocation when disabled).</summary>
internal static partial class Log
{
    /// <summary>
    /// Information when the choice is the expected one (libdatadog loaded, or it is not installed);
    /// Warning when libdatadog was asked for by path, or was found, and still could not be used.
    /// </summary>
    [LoggerMessage(EventId = 1, Message = "SpanMarshal: using the {Pipeline} pipeline because {Reason}.")]
    public static partial void PipelineChosen(ILogger logger, LogLevel level, string pipeline, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "SpanMarshal: the agent's response is not valid rate_by_service JSON ({Reason}); no service rates were applied.")]
    public static partial void MalformedServiceRates(ILogger logger, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "SpanMarshal: {Count} tag(s) in this send had values that are neither strings nor numbers and were left out.")]
    public static partial void SkippedTags(ILogger logger, int count);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "SpanMarshal: {TraceCount} whole trace(s) and {SpanCount} span(s) in all were left out of this send; the first because {Reason}.")]
    public static partial void Dropped(ILogger logger, int traceCount, int spanCount, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "SpanMarshal: {TraceCount} trace(s) of this send were not sent because an earlier request failed ({Reason}).")]
    public static partial void NotAttempted(ILogger logger, int traceCount, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "SpanMarshal: {Count} send(s) were still running {Timeout} after Dispose cancelled them, so the pipeline will be freed when the last of them returns.")]
    public static partial void SendsOutlivedDispose(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "SpanMarshal: TraceExporterOptions.LibDatadogPath is set but the pipeline is Managed, so libdatadog is not loaded.")]
    public static partial void LibDatadogPathUnused(ILogger logger);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "SpanMarshal: the agent's answer was not read whole because {Reason}; its first {KeptBytes} byte(s) were kept, its status stands and no service rates were read from it.")]
    public static partial void AnswerCut(ILogger logger, string reason, int keptBytes);

    /// <summary>A sentence made a clause (its final period dropped), to be quoted inside another sentence.</summary>
    public static string AsClause(string sentence) => sentence.TrimEnd().TrimEnd('.');

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
