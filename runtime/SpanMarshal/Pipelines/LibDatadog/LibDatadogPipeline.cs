using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Diagnostics;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Marshalling.Sinks;
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

    public TraceExporterResponse Send<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, BatchMarshaller<TSpan> marshaller, CancellationToken cancellationToken)
        where TSpan : class
    {
        if (!TryMarshal(traces, marshaller, out MarshalledBatch? batch, out TraceExporterResponse? failed))
        {
            return failed;
        }

        using (batch)
        {
            return SendBatch(batch, cancellationToken);
        }
    }

    public Task<TraceExporterResponse> SendAsync<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, BatchMarshaller<TSpan> marshaller, CancellationToken cancellationToken)
        where TSpan : class
    {
        if (!TryMarshal(traces, marshaller, out MarshalledBatch? batch, out TraceExporterResponse? failed))
        {
            return Task.FromResult(failed);
        }

        return NativeSendThread.Start(() => SendBatch(batch, cancellationToken), batch.Dispose);
    }

    /// <summary>Frees the native exporter (blocking while libdatadog shuts it down). The exporter calls it only after every send returned.</summary>
    public void Dispose() => _exporter.Dispose();

    private bool TryMarshal<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, BatchMarshaller<TSpan> marshaller, [NotNullWhen(true)] out MarshalledBatch? batch, [NotNullWhen(false)] out TraceExporterResponse? failed)
        where TSpan : class
    {
        try
        {
            batch = ChunkSetBuilder.Build(traces, marshaller);
        }
        catch (LibDatadogCallException ex)
        {
            Log.LibDatadogSendFailed(_logger, traces.Count, ex.Failure.Code, ex.Message);
            batch = null;
            failed = Failed(ex.Failure, default);
            return false;
        }

        LeftOutReport.Log(_logger, batch.Tally, batch);
        failed = null;
        return true;
    }

    private unsafe TraceExporterResponse SendBatch(MarshalledBatch batch, CancellationToken cancellationToken)
    {
        // Not sent at all: the batch's owner frees the chunks.
        cancellationToken.ThrowIfCancellationRequested();

        using CancelTokenHandle cancel = NativeMethods.ddog_trace_exporter_cancel_token_new();
        NativeError* error;
        ResponseHandle response;

        // Disposing the registration waits for a running callback, so the token outlives every cancel.
        using (cancellationToken.UnsafeRegister(static token => ((CancelTokenHandle)token!).Cancel(), cancel))
        {
            error = NativeMethods.ddog_trace_exporter_send_trace_chunks(_exporter, batch.Chunks, out response, cancel);
            batch.Chunks.MarkConsumed();
        }

        using (response)
        {
            if (NativeFailure.Take(error) is { } failure)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException($"The send was cancelled ({failure}); its {batch.Tally.TraceCount} trace(s) may not have reached the agent.", cancellationToken);
                }

                Log.LibDatadogSendFailed(_logger, batch.Tally.TraceCount, failure.Code, failure.Message);
                return Failed(failure, batch.Tally);
            }

            byte[] body = response.CopyBody();
            return new TraceExporterResponse(TraceExporterStatus.Ok, batch.Tally.TraceCount, batch.Tally, body, ServiceRates.Parse(body, _logger));
        }
    }

    private static TraceExporterResponse Failed(NativeFailure failure, BatchTally tally)
        => new(TraceExporterResponse.Classify(failure.Code), tally.TraceCount, tally, ReadOnlyMemory<byte>.Empty, serviceRates: null, errorCode: failure.Code, errorMessage: failure.Message);
}
