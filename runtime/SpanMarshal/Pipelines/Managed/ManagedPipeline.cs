using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Pipelines.Managed;

// PLACEHOLDER during parallel development: replaced by the managed pipeline (issue 4).
internal sealed class ManagedPipeline : ITracePipeline
{
    public ManagedPipeline(TraceExporterOptions options, ILogger logger)
    {
    }

    public TracePipelineKind Kind => TracePipelineKind.Managed;

    public TraceExporterResponse Send<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, TraceWriter<TSpan> writer, CancellationToken cancellationToken)
        where TSpan : class => throw new NotSupportedException();

    public Task<TraceExporterResponse> SendAsync<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, TraceWriter<TSpan> writer, CancellationToken cancellationToken)
        where TSpan : class => throw new NotSupportedException();

    public void Dispose()
    {
    }
}
