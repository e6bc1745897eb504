using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Diagnostics;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Pipelines;
using SpanMarshal.Writing;

namespace SpanMarshal;

/// <summary>
/// Takes finished traces from any thread and sends them to the agent in the background: the piece
/// a tracer plugs in. Created by <see cref="TraceWriter.Create{TSpan}"/>.
/// </summary>
/// <typeparam name="TSpan">The tracer's span type (derived types are marshalled by their own generated marshaller).</typeparam>
/// <remarks>
/// <para>
/// <b>When spans are read.</b> <see cref="Write"/> marshals the trace on the calling thread, into
/// the writer's buffer, before it returns (as dd-trace-dotnet serialises at write time): once it
/// has returned, the span objects and the list may be changed, reused or returned to a pool.
/// </para>
/// <para>
/// <b>Memory.</b> Two buffers: writers fill one while the background task sends the other. Each is
/// flushed when it reaches <see cref="TraceWriterOptions.MaxBufferedSpans"/> or
/// <see cref="TraceWriterOptions.MaxBufferedBytes"/>, and every
/// <see cref="TraceWriterOptions.FlushInterval"/>. When one is full while the other is still being
/// sent, traces are dropped and counted: writing never waits for the agent. After a flush that
/// failed (the agent down, overloaded or failing), the next waits twice as long, up to 30 seconds,
/// so a down agent costs neither memory beyond the limits nor CPU.
/// </para>
/// <para>
/// <b>Accounting.</b> Every trace written ends up sent or dropped with a reason, in the
/// <c>SpanMarshal</c> meter (see README): <c>spanmarshal.traces.written</c> equals
/// <c>spanmarshal.traces.sent</c> plus <c>spanmarshal.traces.dropped</c> once the writer is disposed.
/// </para>
/// <para>
/// <b>Threads.</b> One background task per writer, on the thread pool, with no timer or thread that
/// keeps the process alive. Dispose it (or let the host do it, with SpanMarshal.Hosting) to send
/// what is still buffered.
/// </para>
/// </remarks>
public sealed class TraceWriter<TSpan> : IDisposable, IAsyncDisposable
    where TSpan : class
{
    // A cancelled send normally returns at once; this bounds the wait for one slow to unwind.
    private static readonly TimeSpan UnwindGrace = TimeSpan.FromSeconds(1);
    private static readonly IReadOnlyDictionary<string, double> NoRates = new Dictionary<string, double>();

    private readonly WriteBuffers<TSpan> _buffers;
    private readonly FlushLoop<TSpan> _loop;
    private readonly ILogger _logger;
    private readonly TimeSpan _disposeTimeout;
    private readonly KeyValuePair<string, object?> _pipelineTag;
    private IReadOnlyDictionary<string, double> _serviceRates = NoRates;

    internal TraceWriter(ITracePipeline pipeline, BatchMarshaller<TSpan> marshaller, TraceWriterOptions options, ILogger logger)
    {
        Pipeline = pipeline.Kind;
        _logger = logger;
        _disposeTimeout = options.DisposeTimeout;
        _pipelineTag = HealthMetrics.Pipeline(pipeline.Kind);
        _buffers = new WriteBuffers<TSpan>(pipeline, marshaller, options.MaxBufferedSpans, options.MaxBufferedBytes);
        _loop = new FlushLoop<TSpan>(_buffers, pipeline, options.FlushInterval, logger, OnSent);
    }

    /// <summary>
    /// Raised on the writer's background task after each send, with the agent's answer; a sampler
    /// reads <see cref="TraceExporterResponse.ServiceRates"/> from it. Keep handlers short: the next
    /// send waits for them. An exception from a handler is logged, not propagated.
    /// </summary>
    public event EventHandler<TraceExporterResponse>? Sent;

    /// <summary>The pipeline that runs (libdatadog or managed).</summary>
    public TracePipelineKind Pipeline { get; }

    /// <summary>
    /// The agent's latest sampling rates (<c>rate_by_service</c>, keyed <c>service:NAME,env:ENV</c>),
    /// from the last send it answered with rates; empty until then.
    /// </summary>
    public IReadOnlyDictionary<string, double> ServiceRates => Volatile.Read(ref _serviceRates);

    /// <summary>
    /// Marshals a finished trace into the buffer on the calling thread and returns; the background
    /// task sends it. Never waits for the agent, and allocates nothing per span.
    /// </summary>
    /// <param name="trace">The trace's spans. Once this returns, they may be changed or pooled.</param>
    /// <returns>
    /// True when the trace was buffered. False when it was dropped (counted in the meter): both buffers
    /// were full, the writer was disposed, or every span was invalid (null, zero ids, impossible times).
    /// </returns>
    /// <exception cref="InvalidOperationException">A span's type has no generated marshaller (the trace is dropped).</exception>
    /// <remarks>An exception thrown by a span's own member propagates; the trace is dropped and the writer goes on.</remarks>
    public bool Write(IReadOnlyList<TSpan> trace)
    {
        int spans = trace?.Count ?? 0;
        HealthMetrics.TracesWritten.Add(1, _pipelineTag);
        HealthMetrics.SpansWritten.Add(spans, _pipelineTag);
        WriteOutcome outcome;
        bool swapped;
        try
        {
            outcome = _buffers.Write(trace!, out swapped);
        }
        catch
        {
            HealthMetrics.Dropped(Pipeline, HealthMetrics.Reasons.Failed, 1, spans);
            throw;
        }

        if (swapped)
        {
            _loop.Wake();
        }

        switch (outcome)
        {
            case WriteOutcome.BufferFull:
                HealthMetrics.Dropped(Pipeline, HealthMetrics.Reasons.BufferFull, 1, spans);
                break;
            case WriteOutcome.Closed:
                HealthMetrics.Dropped(Pipeline, HealthMetrics.Reasons.Disposed, 1, spans);
                break;
        }

        return outcome == WriteOutcome.Buffered;
    }

    /// <summary>
    /// Sends what was written before this call now, without waiting for the interval, and completes
    /// when it has been sent or dropped (a failed send does not fault the task: see the meter or
    /// <see cref="Sent"/>). Completes at once when nothing is buffered or the writer was disposed.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the flush itself goes on.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the flush completed.</exception>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        Task flushed = _buffers.RequestFlush();
        if (flushed.IsCompleted)
        {
            return flushed;
        }

        _loop.Wake();
        return flushed.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Stops taking traces (later writes are dropped and counted, not thrown), sends what is
    /// buffered and waits up to <see cref="TraceWriterOptions.DisposeTimeout"/> for it; then cancels
    /// what is still in flight (counted as dropped) and frees the pipeline once its last send has
    /// returned. Idempotent.
    /// </summary>
    public void Dispose()
    {
        if (BeginDispose() && !_loop.Completion.Wait(_disposeTimeout))
        {
            GiveUp();
            _loop.Completion.Wait(UnwindGrace);
        }
    }

    /// <summary>Like <see cref="Dispose"/>, waiting without blocking a thread.</summary>
    /// <returns>A task that completes when the final flush ended, or was given up.</returns>
    public async ValueTask DisposeAsync()
    {
        if (BeginDispose() && !await CompletesWithin(_loop.Completion, _disposeTimeout).ConfigureAwait(false))
        {
            GiveUp();
            await CompletesWithin(_loop.Completion, UnwindGrace).ConfigureAwait(false);
        }
    }

    private static async Task<bool> CompletesWithin(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private bool BeginDispose()
    {
        if (!_buffers.Close())
        {
            return false;
        }

        _loop.Wake();
        return true;
    }

    private void GiveUp()
    {
        Log.WriterDisposeTimedOut(_logger, _disposeTimeout);
        _loop.Stop();
    }

    private void OnSent(TraceExporterResponse response)
    {
        if (response.ServiceRates.Count != 0)
        {
            Volatile.Write(ref _serviceRates, response.ServiceRates);
        }

        if (Sent is not { } handlers)
        {
            return;
        }

        // One by one, so a handler that throws does not keep the others from the rates.
        foreach (EventHandler<TraceExporterResponse> handler in handlers.GetInvocationList().Cast<EventHandler<TraceExporterResponse>>())
        {
            try
            {
                handler(this, response);
            }
            catch (Exception ex)
            {
                Log.WriterSentHandlerFailed(_logger, ex);
            }
        }
    }
}
