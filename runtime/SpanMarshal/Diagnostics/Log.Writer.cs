using System;
using Microsoft.Extensions.Logging;

namespace SpanMarshal.Diagnostics;

/// <summary>The trace writer's messages (event ids 3xx).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "SpanMarshal: the trace writer's buffers were full: {TraceCount} trace(s) were dropped since the last flush.")]
    public static partial void WriterBufferFull(ILogger logger, int traceCount);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "SpanMarshal: {Failures} flush(es) in a row failed; the next flush waits {Delay}.")]
    public static partial void WriterBackingOff(ILogger logger, int failures, TimeSpan delay);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "SpanMarshal: a flush failed unexpectedly; its traces were dropped.")]
    public static partial void WriterFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "SpanMarshal: a TraceWriter.Sent handler threw; the writer goes on.")]
    public static partial void WriterSentHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "SpanMarshal: the trace writer's final flush did not finish within {Timeout}; it was cancelled and what it had not sent was dropped.")]
    public static partial void WriterDisposeTimedOut(ILogger logger, TimeSpan timeout);
}
