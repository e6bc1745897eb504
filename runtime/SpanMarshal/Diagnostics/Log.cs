using Microsoft.Extensions.Logging;

namespace SpanMarshal.Diagnostics;

/// <summary>Every message SpanMarshal logs, in one place (source-generated, no allocation when disabled).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "SpanMarshal: using the {Pipeline} pipeline because {Reason}.")]
    public static partial void PipelineChosen(ILogger logger, string pipeline, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "SpanMarshal: the agent's response is not valid rate_by_service JSON ({Reason}); no service rates were applied.")]
    public static partial void MalformedServiceRates(ILogger logger, string reason);
}
