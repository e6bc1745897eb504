using System;
using Microsoft.Extensions.Logging;

namespace SpanMarshal.Diagnostics;

/// <summary>The libdatadog pipeline's messages (event ids 100-199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "SpanMarshal: libdatadog loaded from {Location}.")]
    public static partial void LibDatadogLoaded(ILogger logger, string location);

    /// <summary>Warning, as in the managed pipeline: traces were lost, which an operator should see without turning on debug logs.</summary>
    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "SpanMarshal: libdatadog failed to send {TraceCount} trace(s): {Code}: {Failure}.")]
    public static partial void LibDatadogSendFailed(ILogger logger, int traceCount, TraceExporterErrorCode code, string failure);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "SpanMarshal: libdatadog has a single timeout per request attempt, so ConnectTimeout and ResponseTimeout are not applied and SendTimeout ({SendTimeout}) bounds each attempt and the whole send.")]
    public static partial void LibDatadogTimeoutsUnused(ILogger logger, TimeSpan sendTimeout);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "SpanMarshal: TraceExporterOptions.ApiVersion (or DD_TRACE_API_VERSION) is {Version}, but libdatadog chooses its own intake version, so it is not applied.")]
    public static partial void LibDatadogApiVersionNotApplied(ILogger logger, TraceApiVersion version);
}
