using Microsoft.Extensions.Logging;

namespace SpanMarshal.Diagnostics;

/// <summary>The libdatadog pipeline's messages (event ids 100-199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "SpanMarshal: {Count} tag(s) in this send had values that are neither strings nor numbers and were left out.")]
    public static partial void SkippedTags(ILogger logger, int count);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "SpanMarshal: {Count} span(s) were left out of this send; the first because {Reason}.")]
    public static partial void DroppedSpans(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "SpanMarshal: libdatadog loaded from {Location}.")]
    public static partial void LibDatadogLoaded(ILogger logger, string location);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "SpanMarshal: libdatadog failed to send {TraceCount} trace(s): {Code}: {Failure}.")]
    public static partial void SendFailed(ILogger logger, int traceCount, TraceExporterErrorCode code, string failure);
}
