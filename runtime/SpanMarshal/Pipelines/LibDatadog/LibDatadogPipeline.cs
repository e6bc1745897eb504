using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Pipelines.LibDatadog;

// PLACEHOLDER during parallel development: replaced by the libdatadog pipeline (issue 2).
internal sealed class LibDatadogPipeline : ITracePipeline
{
    public TracePipelineKind Kind => TracePipelineKind.LibDatadog;

    public static LibDatadogPipeline Create(TraceExporterOptions options, ILogger logger)
        => throw new LibDatadogLoadException("libdatadog pipeline not built yet");

    public static bool TryCreate(TraceExporterOptions options, ILogger logger, [NotNullWhen(true)] out LibDatadogPipeline? pipeline, [NotNullWhen(false)] out string? reason)
    {
        pipeline = null;
        reason = "libdatadog pipeline not built yet";
        return false;
    }

    public TraceExporterResponse Send<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, TraceWriter<TSpan> writer, CancellationToken cancellationToken)
        where TSpan : class => throw new NotSupportedException();

    public Task<TraceExporterResponse> SendAsync<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, TraceWriter<TSpan> writer, CancellationToken cancellationToken)
        where TSpan : class => throw new NotSupportedException();

    public void Dispose()
    {
    }
}
