using Microsoft.Extensions.Logging;

namespace SpanMarshal.Diagnostics;

/// <summary>The libdatadog pipeline's messages (event ids 100-199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "SpanMarshal: libdatadog loaded from {Location}.")]
    public static partial void LibDatadogLoaded(ILogger logger, string location);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "SpanMarshal: libdatadog failed to send {TraceCount} trace(s): {Code}: {Failure}.")]
    public static partial void LibDatadogSendFailed(ILogger logger, int traceCount, TraceExporterErrorCode code, string failure);
}
