using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Configuration;
using SpanMarshal.Diagnostics;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Marshalling.Sinks;
using SpanMarshal.Native;

namespace SpanMarshal.Pipelines.LibDatadog;

/// <summary>
/// Sends traces through libdatadog's data pipeline: spans are built natively by
/// <see cref="LibDatadogEncoder"/>, then <c>ddog_trace_exporter_send_trace_chunks</c> encodes and
/// sends them (blocking, cancellable through a per-send cancel token, which also enforces
/// <see cref="ExporterSettings.SendTimeout"/> on the send as a whole).
/// </summary>
internal sealed class LibDatadogPipeline : ITracePipeline
{
    private readonly ExporterHandle _exporter;
    private readonly ExporterSettings _settings;
    private readonly ILogger _logger;

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

        if (settings.HasManagedOnlyTimeouts)
        {
            Log.LibDatadogTimeoutsUnused(logger, settings.SendTimeout);
        }

        return new LibDatadogPipeline(exporter, settings, logger);
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
            batch = ChunkSetBuilder.Build(traces, marshaller, _settings.SpanDefaults);
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

        // libdatadog bounds each attempt, not its retries together: the send's own deadline cancels it.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_settings.SendTimeout);
        using CancelTokenHandle cancel = NativeMethods.ddog_trace_exporter_cancel_token_new();
        NativeError* error;
        ResponseHandle response;

        // Disposing the registration waits for a running callback, so the token outlives every cancel.
        using (deadline.Token.UnsafeRegister(static token => ((CancelTokenHandle)token!).Cancel(), cancel))
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
                    throw new OperationCanceledException($"The send was cancelled ({Log.AsClause(failure.ToString())}); its {batch.Tally.TraceCount} trace(s) may not have reached the agent.", cancellationToken);
                }

                if (deadline.IsCancellationRequested)
                {
                    failure = new NativeFailure(TraceExporterErrorCode.TimedOut, $"the send did not finish within SendTimeout ({ExporterSettings.Describe(_settings.SendTimeout)}) and was cancelled ({Log.AsClause(failure.ToString())})");
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
