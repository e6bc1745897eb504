using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpanMarshal.Configuration;
using SpanMarshal.Diagnostics;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Pipelines;

namespace SpanMarshal;

/// <summary>
/// Sends traces of any <see cref="GenerateTraceMarshallerAttribute"/> span type to the Datadog
/// agent, through libdatadog or the built-in managed pipeline. Thread-safe: any number of
/// threads may send at once.
/// </summary>
/// <remarks>
/// Logs under fixed categories: <c>SpanMarshal.TraceExporter</c> (the pipeline chosen and why,
/// disposal), <c>SpanMarshal.LibDatadog</c> and <c>SpanMarshal.Managed</c> (what each pipeline's
/// sends did). The same outcome logs at the same level whichever pipeline runs; a failed send is a
/// warning, since traces were lost.
/// </remarks>
public sealed class TraceExporter : IDisposable, IAsyncDisposable
{
    private readonly ITracePipeline _pipeline;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposing = new();
    private readonly TaskCompletionSource _freed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // One reference held by the exporter until Dispose, plus one per send in flight: whoever drops
    // the last one frees the pipeline, so it is never freed under a send, however long that takes.
    private int _references = 1;
    private int _disposed;

    /// <summary>An exporter over a pipeline built by the caller (tests shrink the managed pipeline's limits and retries).</summary>
    internal TraceExporter(ITracePipeline pipeline, ILogger logger)
    {
        _pipeline = pipeline;
        _logger = logger;
    }

    /// <summary>The pipeline that runs (libdatadog or managed).</summary>
    public TracePipelineKind Pipeline => _pipeline.Kind;

    /// <summary>How long <see cref="Dispose"/> waits for cancelled sends to return (5 s); internal so tests can shorten it.</summary>
    internal TimeSpan DisposeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Creates an exporter. <paramref name="options"/> and the environment variables that stand in
    /// for unset options are read and validated now, once. With <see cref="TracePipelineKind.Auto"/>
    /// it uses libdatadog when it loads, else the managed pipeline, and logs which and why.
    /// </summary>
    /// <param name="options">The options; null uses the defaults and the environment.</param>
    /// <param name="loggerFactory">Where to log (see the remarks on <see cref="TraceExporter"/> for the categories); null logs nothing.</param>
    /// <exception cref="ArgumentException">The agent URL, <c>DD_TRACE_AGENT_URL</c>, <c>DD_AGENT_HOST</c> or <c>DD_TRACE_AGENT_PORT</c> is malformed; the message names which and the value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A timeout is zero, negative, infinite or over an hour; the message names the option.</exception>
    /// <exception cref="LibDatadogLoadException">The libdatadog pipeline was asked for but libdatadog cannot be loaded or lacks an export.</exception>
    /// <exception cref="InvalidOperationException">The libdatadog pipeline was asked for but libdatadog could not create its exporter.</exception>
    public static TraceExporter Create(TraceExporterOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ExporterSettings settings = ExporterSettings.Resolve(options ?? new TraceExporterOptions());
        loggerFactory ??= NullLoggerFactory.Instance;
        ILogger logger = loggerFactory.CreateLogger(LogCategories.Exporter);
        return new TraceExporter(PipelineChoice.Create(settings, loggerFactory, logger), logger);
    }

    /// <summary>
    /// Marshals and sends a batch of traces (one inner list per trace), blocking until the agent
    /// answers, <see cref="TraceExporterOptions.SendTimeout"/> passes (a response with
    /// <see cref="TraceExporterErrorCode.TimedOut"/>) or <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The exporter was disposed, before or during the send.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the exception carries it); the traces may not have reached the agent.</exception>
    /// <exception cref="InvalidOperationException">A span's type has no generated marshaller.</exception>
    public TraceExporterResponse Send<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, CancellationToken cancellationToken = default)
        where TSpan : class
        => SendCore(traces, TraceMarshallers.For<TSpan>(), cancellationToken);

    /// <summary>Like <see cref="Send{TSpan}"/>, with an explicit marshaller.</summary>
    /// <exception cref="ObjectDisposedException">The exporter was disposed, before or during the send.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the exception carries it).</exception>
    public TraceExporterResponse Send<TSpan, TMarshaller>(IReadOnlyList<IReadOnlyList<TSpan>> traces, CancellationToken cancellationToken = default)
        where TSpan : class
        where TMarshaller : struct, ITraceMarshaller<TSpan>
        => SendCore(traces, TraceMarshallers.For<TSpan, TMarshaller>(), cancellationToken);

    /// <summary>
    /// Marshals the batch on the calling thread, then sends it without blocking a thread-pool
    /// thread longer than the send. Cancellation reaches the pipeline (libdatadog's cancel token).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The exporter was disposed, before or during the send.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the exception carries it); the traces may not have reached the agent.</exception>
    public Task<TraceExporterResponse> SendAsync<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, CancellationToken cancellationToken = default)
        where TSpan : class
        => SendCoreAsync(traces, TraceMarshallers.For<TSpan>(), cancellationToken);

    /// <summary>Like <see cref="SendAsync{TSpan}"/>, with an explicit marshaller.</summary>
    /// <exception cref="ObjectDisposedException">The exporter was disposed, before or during the send.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the exception carries it).</exception>
    public Task<TraceExporterResponse> SendAsync<TSpan, TMarshaller>(IReadOnlyList<IReadOnlyList<TSpan>> traces, CancellationToken cancellationToken = default)
        where TSpan : class
        where TMarshaller : struct, ITraceMarshaller<TSpan>
        => SendCoreAsync(traces, TraceMarshallers.For<TSpan, TMarshaller>(), cancellationToken);

    /// <summary>
    /// Cancels in-flight sends (they throw <see cref="ObjectDisposedException"/>) and waits up to
    /// 5 seconds for them to return, then frees the pipeline. A send still running after that (a
    /// native call slow to unwind) keeps the pipeline alive, and the last such send frees it when
    /// it returns: nothing is freed under a send, and Dispose never blocks for longer. Idempotent.
    /// </summary>
    public void Dispose()
    {
        if (BeginDispose() && !_freed.Task.Wait(DisposeTimeout))
        {
            LogSendsOutlivedDispose();
        }
    }

    /// <summary>Like <see cref="Dispose"/>, waiting for in-flight sends without blocking a thread.</summary>
    /// <returns>A task that completes when the pipeline was freed, or after at most 5 seconds.</returns>
    public async ValueTask DisposeAsync()
    {
        if (!BeginDispose())
        {
            return;
        }

        try
        {
            await _freed.Task.WaitAsync(DisposeTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogSendsOutlivedDispose();
        }
    }

    private TraceExporterResponse SendCore<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, BatchMarshaller<TSpan> marshaller, CancellationToken cancellationToken)
        where TSpan : class
    {
        ArgumentNullException.ThrowIfNull(traces);
        Enter();
        CancellationTokenSource? linked = Link(cancellationToken, out CancellationToken token);
        try
        {
            // The sync path never awaits anything incomplete; the fallback only guards that promise.
            ValueTask<TraceExporterResponse> pending = SendBatchesAsync(traces, marshaller, sync: true, token);
            return pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException ex) when (Translate(ex, cancellationToken) is Exception translated)
        {
            throw translated;
        }
        finally
        {
            linked?.Dispose();
            Release();
        }
    }

    private async Task<TraceExporterResponse> SendCoreAsync<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, BatchMarshaller<TSpan> marshaller, CancellationToken cancellationToken)
        where TSpan : class
    {
        ArgumentNullException.ThrowIfNull(traces);
        Enter();
        CancellationTokenSource? linked = Link(cancellationToken, out CancellationToken token);
        try
        {
            return await SendBatchesAsync(traces, marshaller, sync: false, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (Translate(ex, cancellationToken) is Exception translated)
        {
            throw translated;
        }
        finally
        {
            linked?.Dispose();
            Release();
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

    // The caller's token alone when it cannot be cancelled: no allocation for the common call.
    private CancellationTokenSource? Link(CancellationToken cancellationToken, out CancellationToken token)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            token = _disposing.Token;
            return null;
        }

        CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        token = linked.Token;
        return linked;
    }

    // A cancelled send reports the caller's own token, as docs/reliability.md promises (the pipelines
    // see a linked one); a cancel the caller never asked for was Dispose, a puzzling answer otherwise.
    private Exception? Translate(OperationCanceledException cancelled, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return cancelled.CancellationToken == cancellationToken ? null : new OperationCanceledException(cancelled.Message, cancelled, cancellationToken);
        }

        return _disposing.IsCancellationRequested
            ? new ObjectDisposedException("The exporter was disposed while this send was in flight; its traces may not have reached the agent.", cancelled)
            : null;
    }

    private void Enter()
    {
        while (true)
        {
            int references = Volatile.Read(ref _references);
            ObjectDisposedException.ThrowIf(references == 0 || Volatile.Read(ref _disposed) != 0, this);

            if (Interlocked.CompareExchange(ref _references, references + 1, references) == references)
            {
                return;
            }
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _references) != 0)
        {
            return;
        }

        try
        {
            _pipeline.Dispose();
        }
        finally
        {
            _disposing.Dispose();
            _freed.TrySetResult();
        }
    }

    private bool BeginDispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return false;
        }

        _disposing.Cancel();
        Release();
        return true;
    }

    private void LogSendsOutlivedDispose() => Log.SendsOutlivedDispose(_logger, Math.Max(Volatile.Read(ref _references), 1), DisposeTimeout);
}
