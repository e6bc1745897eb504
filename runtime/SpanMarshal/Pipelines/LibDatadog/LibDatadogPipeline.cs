using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Configuration;
using SpanMarshal.Diagnostics;
using SpanMarshal.Native;

namespace SpanMarshal.Pipelines.LibDatadog;

/// <summary>
/// Sends traces through libdatadog's data pipeline: spans are built natively by
/// <see cref="LibDatadogEncoder"/>, then <c>ddog_trace_exporter_send_trace_chunks</c> encodes and
/// sends them (blocking, cancellable through a per-send cancel token, which also ends a send still
/// running at <see cref="ExporterSettings.SendTimeout"/>).
/// </summary>
internal sealed class LibDatadogPipeline : ITracePipeline
{
    private readonly ExporterHandle _exporter;
    private readonly ExporterSettings _settings;
    private readonly ILogger _logger;
    private readonly NativeSendWorker _worker = new();

    private LibDatadogPipeline(ExporterHandle exporter, ExporterSettings settings, ILogger logger)
    {
        _exporter = exporter;
        _settings = settings;
        _logger = logger;
    }

    public TracePipelineKind Kind => TracePipelineKind.LibDatadog;

    /// <exception cref="LibDatadogLoadException">libdatadog cannot be loaded or lacks an export.</exception>
    /// <exception cref="ArgumentException">libdatadog rejected an option's value.</exception>
    /// <exception cref="InvalidOperationException">libdatadog could not create the exporter.</exception>
    public static unsafe LibDatadogPipeline Create(ExporterSettings settings, ILogger logger)
    {
        LibDatadogLibrary.EnsureLoaded(settings.Library);
        Log.LibDatadogLoaded(logger, LibDatadogLibrary.LoadedFrom ?? "?");
        using ConfigHandle config = LibDatadogConfig.Build(settings);
        NativeError* error = NativeMethods.ddog_trace_exporter_new(out ExporterHandle exporter, config);
        if (NativeFailure.Take(error) is { } failure)
        {
            exporter.Dispose();
            throw new InvalidOperationException($"libdatadog could not create the trace exporter: {Log.AsClause(failure.ToString())}.");
        }

        if (settings.ApiVersion != TraceApiVersion.Auto)
        {
            Log.LibDatadogApiVersionNotApplied(logger, settings.ApiVersion);
        }

        if (settings.HasManagedOnlyTimeouts)
        {
            Log.LibDatadogTimeoutsUnused(logger, settings.SendTimeout);
        }

        return new LibDatadogPipeline(exporter, settings, logger);
    }

    public TraceBatch CreateBatch() => new NativeBatch(_settings.SpanDefaults);

    public async ValueTask SendAsync(TraceBatch batch, SendAccount account, bool final, bool sync, CancellationToken cancellationToken)
    {
        var native = (NativeBatch)batch;
        if (native.CreationFailure is { } creation)
        {
            (int traces, int spans) = native.Unmarshalled;
            native.ClearFailure();
            Log.LibDatadogSendFailed(_logger, traces, creation.Code, creation.Message);
            account.Add(Failed(creation, traces, spans));
            return;
        }

        // Not sent at all: the batch still owns (and frees) the chunks.
        cancellationToken.ThrowIfCancellationRequested();
        (int traceCount, int spanCount) = (native.TraceCount, native.SpanCount);
        TraceChunksHandle chunks;
        try
        {
            chunks = native.TakeChunks();
        }
        catch (LibDatadogCallException ex)
        {
            account.Add(Failed(ex.Failure, traceCount, spanCount));
            return;
        }

        // libdatadog bounds each attempt, not its retries together (nor the wait for a worker slot):
        // the send's own deadline cancels it.
        long deadline = account.Deadline ??= _settings.DeadlineFromNow();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ExporterSettings.Remaining(deadline));
        try
        {
            account.Add(sync
                ? SendChunks(chunks, traceCount, spanCount, timeout, cancellationToken)
                : await _worker.RunAsync(() => SendChunks(chunks, traceCount, spanCount, timeout, cancellationToken), chunks.Dispose, timeout.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The deadline passed while the send waited for a worker slot: it was never made.
            account.Add(TimedOut(null, traceCount, spanCount));
        }
    }

    /// <summary>Frees the native exporter (blocking while libdatadog shuts it down). The exporter calls it only after every send returned.</summary>
    public void Dispose()
    {
        _exporter.Dispose();
        _worker.Dispose();
    }

    private unsafe RequestOutcome SendChunks(TraceChunksHandle chunks, int traceCount, int spanCount, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        using (chunks)
        {
            using CancelTokenHandle cancel = NativeMethods.ddog_trace_exporter_cancel_token_new();
            NativeError* error;
            ResponseHandle response;

            // Disposing the registration waits for a running callback, so the token outlives every cancel.
            using (timeout.Token.UnsafeRegister(static token => ((CancelTokenHandle)token!).Cancel(), cancel))
            {
                error = NativeMethods.ddog_trace_exporter_send_trace_chunks(_exporter, chunks, out response, cancel);
                chunks.MarkConsumed();
            }

            using (response)
            {
                if (NativeFailure.Take(error) is { } failure)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        throw new OperationCanceledException($"The send was cancelled ({Log.AsClause(failure.ToString())}); its {traceCount} trace(s) may not have reached the agent.", cancellationToken);
                    }

                    if (timeout.IsCancellationRequested)
                    {
                        return TimedOut(failure, traceCount, spanCount);
                    }

                    Log.LibDatadogSendFailed(_logger, traceCount, failure.Code, failure.Message);
                    HealthMetrics.Request(TracePipelineKind.LibDatadog, Outcome(failure.Code), httpStatus: null, retry: false);
                    return Failed(failure, traceCount, spanCount);
                }

                HealthMetrics.Request(TracePipelineKind.LibDatadog, "ok", httpStatus: null, retry: false);
                AnswerBody body = response.CopyBody();
                return new RequestOutcome(traceCount, spanCount, null, null, null, body.Bytes, body.ServiceRates(_logger));
            }
        }
    }

    // libdatadog retries inside one send and reports only the last error: one request per send here.
    private static string Outcome(TraceExporterErrorCode code) => code switch
    {
        TraceExporterErrorCode.HttpClient => "client_error",
        TraceExporterErrorCode.HttpServer => "server_error",
        TraceExporterErrorCode.TimedOut => "timeout",
        _ => "network_error",
    };

    // SendTimeout passed: before the native send began (cancelled is null), or during it.
    private RequestOutcome TimedOut(NativeFailure? cancelled, int traceCount, int spanCount)
    {
        string message = $"the send did not finish within SendTimeout ({ExporterSettings.Describe(_settings.SendTimeout)})"
            + (cancelled is { } failure ? $" and was cancelled ({Log.AsClause(failure.ToString())})" : " and was never started");
        var timedOut = new NativeFailure(TraceExporterErrorCode.TimedOut, message);
        Log.LibDatadogSendFailed(_logger, traceCount, timedOut.Code, timedOut.Message);
        HealthMetrics.Request(TracePipelineKind.LibDatadog, Outcome(timedOut.Code), httpStatus: null, retry: false);
        return Failed(timedOut, traceCount, spanCount);
    }

    private static RequestOutcome Failed(NativeFailure failure, int traceCount, int spanCount)
        => new(traceCount, spanCount, null, failure.Code, failure.Message, ReadOnlyMemory<byte>.Empty, null);
}
