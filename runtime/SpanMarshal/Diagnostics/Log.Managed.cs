using Microsoft.Extensions.Logging;

namespace SpanMarshal.Diagnostics;

/// <summary>The managed pipeline's messages (event ids 200-299).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 201, Level = LogLevel.Debug, Message = "SpanMarshal: attempt {Attempt} to send traces failed ({Reason}); retrying in {DelayMilliseconds} ms.")]
    public static partial void ManagedSendRetrying(ILogger logger, int attempt, string reason, long delayMilliseconds);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "SpanMarshal: sending {TraceCount} trace(s) to the agent failed after {Attempts} attempt(s): {Reason}.")]
    public static partial void ManagedSendFailed(ILogger logger, int traceCount, int attempts, string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "SpanMarshal: the managed pipeline does not compute trace stats; the agent computes them.")]
    public static partial void ManagedStatsNotComputed(ILogger logger);
}
