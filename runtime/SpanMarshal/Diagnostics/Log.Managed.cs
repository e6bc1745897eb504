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

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "SpanMarshal: the agent answered HTTP {Status} to a v0.5 request; the managed pipeline sends v0.4 from now on (that request's traces are sent again as v0.4).")]
    public static partial void ManagedV05Refused(ILogger logger, int status);

    [LoggerMessage(EventId = 205, Level = LogLevel.Debug, Message = "SpanMarshal: the agent's /info could not be read ({Reason}); the managed pipeline sends v0.4.")]
    public static partial void ManagedInfoUnavailable(ILogger logger, string reason);

}
