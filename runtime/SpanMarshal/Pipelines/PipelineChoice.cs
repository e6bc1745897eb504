using Microsoft.Extensions.Logging;
using SpanMarshal.Diagnostics;
using SpanMarshal.Pipelines.LibDatadog;
using SpanMarshal.Pipelines.Managed;

namespace SpanMarshal.Pipelines;

/// <summary>
/// Creates the pipeline <see cref="TraceExporterOptions.Pipeline"/> asks for, and for
/// <see cref="TracePipelineKind.Auto"/> says which ran and why: one place for the exporter and the
/// trace writer, so both choose alike.
/// </summary>
internal static class PipelineChoice
{
    /// <exception cref="LibDatadogLoadException">libdatadog was required but cannot be loaded or lacks an export.</exception>
    public static ITracePipeline Create(TraceExporterOptions options, ILogger logger)
    {
        switch (options.Pipeline)
        {
            case TracePipelineKind.LibDatadog:
                return LibDatadogPipeline.Create(options, logger);
            case TracePipelineKind.Managed:
                return new ManagedPipeline(options, logger);
            default:
                if (LibDatadogPipeline.TryCreate(options, logger, out LibDatadogPipeline? native, out string? reason))
                {
                    Log.PipelineChosen(logger, "libdatadog", "it loaded");
                    return native;
                }

                Log.PipelineChosen(logger, "managed", "libdatadog is not available: " + reason);
                return new ManagedPipeline(options, logger);
        }
    }
}
