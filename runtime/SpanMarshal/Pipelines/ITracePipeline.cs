using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SpanMarshal.Marshalling.Dispatch;

namespace SpanMarshal.Pipelines;

/// <summary>
/// One way of turning a batch of spans into an agent request. The exporter guarantees that
/// <see cref="IDisposable.Dispose"/> is called only after every send has returned.
/// </summary>
internal interface ITracePipeline : IDisposable
{
    /// <summary>The pipeline that runs (never <see cref="TracePipelineKind.Auto"/>).</summary>
    TracePipelineKind Kind { get; }

    /// <summary>Marshals <paramref name="traces"/> on the calling thread and sends them, blocking until the agent answers.</summary>
    TraceExporterResponse Send<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, BatchMarshaller<TSpan> marshaller, CancellationToken cancellationToken)
        where TSpan : class;

    /// <summary>
    /// Marshals <paramref name="traces"/> on the calling thread, then sends them without holding
    /// a thread-pool thread longer than the send itself.
    /// </summary>
    Task<TraceExporterResponse> SendAsync<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, BatchMarshaller<TSpan> marshaller, CancellationToken cancellationToken)
        where TSpan : class;
}
