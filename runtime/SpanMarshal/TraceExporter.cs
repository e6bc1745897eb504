using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpanMarshal.Diagnostics;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Pipelines;
using SpanMarshal.Pipelines.LibDatadog;
using SpanMarshal.Pipelines.Managed;

namespace SpanMarshal;

/// <summary>
/// Sends traces of any <see cref="GenerateTraceMarshallerAttribute"/> span type to the Datadog
/// agent, through libdatadog or the built-in managed pipeline. Thread-safe: any number of
/// threads may send at once. Disposing waits for (and cancels) in-flight sends before it
/// frees the pipeline.
/// </summary>
public sealed class TraceExporter : IDisposable
{
    private readonly ITracePipeline _pipeline;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposing = new();
    private readonly ManualResetEventSlim _drained = new(initialState: false);
    private int _inFlight;
    private int _disposed;

    /// <summary>An exporter over a pipeline built by the caller (tests shrink the managed pipeline's limits and retries).</summary>
    internal TraceExporter(ITracePipeline pipeline, ILogger logger)
    {
        _pipeline = pipeline;
        _logger = logger;
    }

    /// <summary>The pipeline that runs (libdatadog or managed).</summary>
    public TracePipelineKind Pipeline => _pipeline.Kind;

    /// <summary>Creates an exporter. With <see cref="TracePipelineKind.Auto"/> it uses libdatadog when it loads, else the managed pipeline, and logs why.</summary>
    /// <exception cref="LibDatadogLoadException">libdatadog was required but cannot be loaded or lacks an export.</exception>
    public static TraceExporter Create(TraceExporterOptions? options = null)
    {
        options ??= new TraceExporterOptions();
        ILogger logger = options.Logger ?? NullLogger.Instance;
        return new TraceExporter(CreatePipeline(options, logger), logger);
    }

    /// <summary>Marshals and sends a batch of traces (one inner list per trace), blocking until the agent answers.</summary>
    /// <exception cref="ObjectDisposedException">The exporter was disposed, before or during the send.</exception>
    /// <exception cref="InvalidOperationException"><typeparamref name="TSpan"/> has no generated marshaller.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the traces may not have reached the agent.</exception>
    public TraceExporterResponse Send<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, CancellationToken cancellationToken = default)
        where TSpan : class
        => SendCore(traces, TraceMarshallers.For<TSpan>(), cancellationToken);

    /// <summary>Marshals and sends a batch of traces with an explicit marshaller.</summary>
    /// <exception cref="ObjectDisposedException">The exporter was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the traces may not have reached the agent.</exception>
    public TraceExporterResponse Send<TSpan, TMarshaller>(IReadOnlyList<IReadOnlyList<TSpan>> traces, CancellationToken cancellationToken = default)
        where TSpan : class
        where TMarshaller : struct, ITraceMarshaller<TSpan>
        => SendCore(traces, TraceMarshallers.For<TSpan, TMarshaller>(), cancellationToken);

    /// <summary>
    /// Marshals the batch on the calling thread, then sends it without blocking a thread-pool
    /// thread longer than the send. Cancellation reaches the pipeline (libdatadog's cancel token).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The exporter was disposed, before or during the send.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the traces may not have reached the agent.</exception>
    public Task<TraceExporterResponse> SendAsync<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, CancellationToken cancellationToken = default)
        where TSpan : class
        => SendCoreAsync(traces, TraceMarshallers.For<TSpan>(), cancellationToken);

    /// <summary>Like <see cref="SendAsync{TSpan}"/>, with an explicit marshaller.</summary>
    /// <exception cref="ObjectDisposedException">The exporter was disposed.</exception>
    public Task<TraceExporterResponse> SendAsync<TSpan, TMarshaller>(IReadOnlyList<IReadOnlyList<TSpan>> traces, CancellationToken cancellationToken = default)
        where TSpan : class
        where TMarshaller : struct, ITraceMarshaller<TSpan>
        => SendCoreAsync(traces, TraceMarshallers.For<TSpan, TMarshaller>(), cancellationToken);

    /// <summary>Cancels in-flight sends, waits until they have returned, then frees the pipeline. Idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _disposing.Cancel();

        // Freeing the pipeline under a send would free the native exporter that send is using.
        if (Volatile.Read(ref _inFlight) != 0)
        {
            _drained.Wait();
        }

        _pipeline.Dispose();

        // _drained stays undisposed: a send that lost the race with Dispose still calls Exit.
        _disposing.Dispose();
    }

    private TraceExporterResponse SendCore<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, BatchMarshaller<TSpan> marshaller, CancellationToken cancellationToken)
        where TSpan : class
    {
        ArgumentNullException.ThrowIfNull(traces);
        Enter();
        try
        {
            using CancellationTokenSource? linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token) : null;

            // The sync path never awaits anything incomplete; the fallback only guards that promise.
            ValueTask<TraceExporterResponse> pending = SendBatchesAsync(traces, marshaller, sync: true, linked?.Token ?? _disposing.Token);
            return pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && ex.CancellationToken != cancellationToken)
        {
            throw CancelledBy(ex, cancellationToken);
        }
        catch (OperationCanceledException ex) when (_disposing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw DisposedDuringSend(ex);
        }
        finally
        {
            Exit();
        }
    }

    private async Task<TraceExporterResponse> SendCoreAsync<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, BatchMarshaller<TSpan> marshaller, CancellationToken cancellationToken)
        where TSpan : class
    {
        ArgumentNullException.ThrowIfNull(traces);
        Enter();
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
            return await SendBatchesAsync(traces, marshaller, sync: false, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && ex.CancellationToken != cancellationToken)
        {
            throw CancelledBy(ex, cancellationToken);
        }
        catch (OperationCanceledException ex) when (_disposing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw DisposedDuringSend(ex);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Marshals the traces into a batch until it holds a request's worth, sends it, and goes on with
    /// the rest, so memory stays bounded by the request limit whatever the batch's size. The first
    /// fill is marshalled before the first await, on the calling thread.
    /// </summary>
    private async ValueTask<TraceExporterResponse> SendBatchesAsync<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, BatchMarshaller<TSpan> marshaller, bool sync, CancellationToken cancellationToken)
        where TSpan : class
    {
        var account = new SendAccount(_pipeline.Kind);
        string? unfinished = HealthMetrics.Reasons.Cancelled;
        try
        {
            using TraceBatch batch = _pipeline.CreateBatch();
            int next = 0;
            do
            {
                unfinished = HealthMetrics.Reasons.Failed;
                next = batch.Marshal(traces, next, marshaller);
                account.Marshalled(batch.TakeTally());
                unfinished = HealthMetrics.Reasons.Cancelled;
                await _pipeline.SendAsync(batch, account, final: next >= traces.Count || account.Stopped, sync, cancellationToken).ConfigureAwait(false);
            }
            while (next < traces.Count && !account.Stopped);

            account.NotAttempted(traces, next);
            unfinished = null;
            return account.ToResponse();
        }
        finally
        {
            account.Report(_logger, traces, unfinished);
        }
    }

    // The pipelines see the token linked with the exporter's own; the caller expects to find its token.
    private static OperationCanceledException CancelledBy(OperationCanceledException cancelled, CancellationToken cancellationToken)
        => new(cancelled.Message, cancelled, cancellationToken);

    // The caller did not cancel: a cancellation it never asked for would be a puzzling answer.
    private static ObjectDisposedException DisposedDuringSend(OperationCanceledException cancelled)
        => new("The exporter was disposed while this send was in flight; its traces may not have reached the agent.", cancelled);

    private void Enter()
    {
        Interlocked.Increment(ref _inFlight);
        if (Volatile.Read(ref _disposed) != 0)
        {
            Exit();
            throw new ObjectDisposedException(nameof(TraceExporter));
        }
    }

    private void Exit()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _disposed) != 0)
        {
            _drained.Set();
        }
    }

    private static ITracePipeline CreatePipeline(TraceExporterOptions options, ILogger logger)
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
