using System;
using Microsoft.Extensions.Logging;
using SpanMarshal.Configuration;
using SpanMarshal.Diagnostics;
using SpanMarshal.Pipelines.LibDatadog;
using SpanMarshal.Pipelines.Managed;

namespace SpanMarshal.Pipelines;

/// <summary>Creates the pipeline <see cref="ExporterSettings.Pipeline"/> asks for, and for <see cref="TracePipelineKind.Auto"/> says which ran and why.</summary>
internal static class PipelineChoice
{
    /// <param name="settings">The exporter's resolved settings.</param>
    /// <param name="loggers">Where each pipeline gets its logger (one category per pipeline).</param>
    /// <param name="logger">The exporter's logger, for the choice itself.</param>
    public static ITracePipeline Create(ExporterSettings settings, ILoggerFactory loggers, ILogger logger)
    {
        switch (settings.Pipeline)
        {
            case TracePipelineKind.LibDatadog:
                return LibDatadogPipeline.Create(settings, loggers.CreateLogger(LogCategories.LibDatadog));
            case TracePipelineKind.Managed:
                if (settings.Library.Source == Native.LibraryLocation.OptionName)
                {
                    Log.LibDatadogPathUnused(logger);
                }

                return Managed(settings, loggers);
            default:
                return Auto(settings, loggers, logger);
        }
    }

    private static ITracePipeline Auto(ExporterSettings settings, ILoggerFactory loggers, ILogger logger)
    {
        LogLevel level;
        string reason;
        try
        {
            LibDatadogPipeline native = LibDatadogPipeline.Create(settings, loggers.CreateLogger(LogCategories.LibDatadog));
            Log.PipelineChosen(logger, LogLevel.Information, "libdatadog", "it loaded");
            return native;
        }
        catch (LibDatadogLoadException ex)
        {
            // Not installed is the usual state of a managed-only deployment; anything else means
            // libdatadog was asked for by path, or was found, and still could not be used.
            level = ex.IsNotInstalled ? LogLevel.Information : LogLevel.Warning;
            reason = Log.AsClause(ex.Message);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            level = LogLevel.Warning;
            reason = Log.AsClause(ex.Message);
        }

        Log.PipelineChosen(logger, level, "managed", reason);
        return Managed(settings, loggers);
    }

    private static ManagedPipeline Managed(ExporterSettings settings, ILoggerFactory loggers)
        => new(settings, loggers.CreateLogger(LogCategories.Managed));
}
