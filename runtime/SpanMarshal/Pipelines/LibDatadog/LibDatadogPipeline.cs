using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Diagnostics;
using SpanMarshal.Native;

namespace SpanMarshal.Pipelines.LibDatadog;

/// <summary>
/// Sends traces through libdatadog's data pipeline: spans are built natively by
/// <see cref="LibDatadogEncoder"/>, then <c>ddog_trace_exporter_send_trace_chunks</c> encodes and
/// sends them (blocking, cancellable through a per-send cancel token).
/// </summary>
internal sealed class LibDatadogPipeline : ITracePipeline
{
    private readonly ExporterHandle _exporter;
    private readonly ILogger _logger;
    private readonly NativeSendWorker _worker = new();

    private LibDatadogPipeline(ExporterHandle exporter, ILogger logger)
    {
        _exporter = exporter;
        _logger = logger;
    }

    public TracePipelineKind Kind => TracePipelineKind.LibDatadog;

    /// <exception cref="LibDatadogLoadException">libdatadog cannot be loaded or lacks an export.</exception>
    /// <exception cref="ArgumentException">An option's value is invalid or libdatadog rejected it.</exception>
    /// <exception cref="InvalidOperationException">libdatadog could not create the exporter.</exception>
    public static unsafe LibDatadogPipeline Create(TraceExporterOptions options, ILogger logger)
    {
        LibDatadogLibrary.EnsureLoaded(options.LibDatadogPath);
        Log.LibDatadogLoaded(logger, LibDatadogLibrary.LoadedFrom ?? "?");
        using ConfigHandle config = LibDatadogConfig.Build(options);
        NativeError* error = NativeMethods.ddog_trace_exporter_new(out ExporterHandle exporter, config);
        if (NativeFailure.Take(error) is { } failure)
        {
            exporter.Dispose();
            throw new InvalidOperationException($"libdatadog could not create the trace exporter: {failure}.");
        }

        return new LibDatadogPipeline(exporter, logger);
    }

    /// <summary>Like <see cref="Create"/>, but gives the reason instead of throwing (for <see cref="TracePipelineKind.Auto"/>).</summary>
    public static bool TryCreate(TraceExporterOptions options, ILogger logger, [NotNullWhen(true)] out LibDatadogPipeline? pipeline, [NotNullWhen(false)] out string? reason)
    {
        try
        {
            pipeline = Create(options, logger);
            reason = null;
            return true;
        }
        catch (Exception ex) when (ex is LibDatadogLoadException or ArgumentException or InvalidOperationException)
        {
            pipeline = null;
            reason = ex.Message;
            return false;
        }
    }

    public TraceBatch CreateBatch() => new NativeBatch();

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

        account.Add(sync
            ? SendChunks(chunks, traceCount, spanCount, cancellationToken)
            : await _worker.RunAsync(() => SendChunks(chunks, traceCount, spanCount, cancellationToken), chunks.Dispose, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Frees the native exporter (blocking while libdatadog shuts it down). The exporter calls it only after every send returned.</summary>
    public void Dispose()
    {
        _exporter.Dispose();
        _worker.Dispose();
    }

    private unsafe RequestOutcome SendChunks(TraceChunksHandle chunks, int traceCount, int spanCount, CancellationToken cancellationToken)
    {
        using (chunks)
        {
            using CancelTokenHandle cancel = NativeMethods.ddog_trace_exporter_cancel_token_new();
            NativeError* error;
            ResponseHandle response;

            // Disposing the registration waits for a running callback, so the token outlives every cancel.
            using (cancellationToken.UnsafeRegister(static token => ((CancelTokenHandle)token!).Cancel(), cancel))
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
                        throw new OperationCanceledException($"The send was cancelled ({failure}); its {traceCount} trace(s) may not have reached the agent.", cancellationToken);
                    }

                    Log.LibDatadogSendFailed(_logger, traceCount, failure.Code, failure.Message);
                    HealthMetrics.Request(TracePipelineKind.LibDatadog, Outcome(failure.Code), httpStatus: null, retry: false);
                    return Failed(failure, traceCount, spanCount);
                }

                HealthMetrics.Request(TracePipelineKind.LibDatadog, "ok", httpStatus: null, retry: false);
                byte[] body = response.CopyBody();
                return new RequestOutcome(traceCount, spanCount, null, null, null, body, ServiceRates.Parse(body, _logger));
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

    private static RequestOutcome Failed(NativeFailure failure, int traceCount, int spanCount)
        => new(traceCount, spanCount, null, failure.Code, failure.Message, ReadOnlyMemory<byte>.Empty, null);
}
