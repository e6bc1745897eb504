using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Diagnostics;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// The built-in pipeline: v0.4 msgpack written in place into a pooled buffer, then HTTP
/// (TCP or Unix socket) to the agent. Needs nothing native.
/// </summary>
internal sealed class ManagedPipeline : ITracePipeline
{
    private readonly ManagedPipelineSettings _settings;
    private readonly ILogger _logger;
    private readonly AgentTransport _transport;
    private readonly RetryingSender _sender;

    public ManagedPipeline(TraceExporterOptions options, ILogger logger)
        : this(options, logger, ManagedPipelineSettings.Default)
    {
    }

    internal ManagedPipeline(TraceExporterOptions options, ILogger logger, ManagedPipelineSettings settings)
    {
        _settings = settings;
        _logger = logger;
        _transport = new AgentTransport(options);
        _sender = new RetryingSender(_transport, settings, options.ConnectionTimeout, logger);
        if (options.ComputeStats)
        {
            Log.ManagedStatsNotComputed(logger);
        }
    }

    public TracePipelineKind Kind => TracePipelineKind.Managed;

    public TraceExporterResponse Send<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, BatchMarshaller<TSpan> marshaller, CancellationToken cancellationToken)
        where TSpan : class
    {
        using EncodedBatch batch = EncodeAndReport(traces, marshaller);
        ValueTask<(AttemptResult, int)> pending = _sender.SendAsync(batch, sync: true, cancellationToken);

        // The sync path never awaits anything incomplete; the fallback only guards that promise.
        (AttemptResult result, int traceCount) = pending.IsCompleted ? pending.GetAwaiter().GetResult() : pending.AsTask().GetAwaiter().GetResult();
        return ManagedResponses.Create(result, traceCount, batch, _logger);
    }

    public Task<TraceExporterResponse> SendAsync<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, BatchMarshaller<TSpan> marshaller, CancellationToken cancellationToken)
        where TSpan : class
        => SendEncodedAsync(EncodeAndReport(traces, marshaller), cancellationToken);

    public void Dispose() => _transport.Dispose();

    /// <summary>
    /// Marshals <paramref name="traces"/> on the calling thread. If a span getter throws, the
    /// buffers go back to the pool before the exception propagates.
    /// </summary>
    internal static EncodedBatch Encode<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, BatchMarshaller<TSpan> marshaller, int maxRequestBytes, BufferPools? pools = null)
        where TSpan : class
    {
        Utf8Strings strings = Utf8Strings.Rent();
        var sink = new TraceSink<MsgPackV04Encoder>(new MsgPackV04Encoder(maxRequestBytes - MsgPack.MaxHeaderBytes, pools ?? BufferPools.Shared, strings), strings);
        try
        {
            marshaller.Write(traces, 0, ref sink);
            return sink.Encoder.Complete(sink.Tally);
        }
        finally
        {
            sink.Encoder.Release();
            strings.Return();
        }
    }

    private EncodedBatch EncodeAndReport<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, BatchMarshaller<TSpan> marshaller)
        where TSpan : class
    {
        EncodedBatch batch = Encode(traces, marshaller, _settings.MaxRequestBytes);
        LeftOutReport.Log(_logger, batch.Tally, batch);
        return batch;
    }

    private async Task<TraceExporterResponse> SendEncodedAsync(EncodedBatch batch, CancellationToken cancellationToken)
    {
        using (batch)
        {
            (AttemptResult result, int traceCount) = await _sender.SendAsync(batch, sync: false, cancellationToken).ConfigureAwait(false);
            return ManagedResponses.Create(result, traceCount, batch, _logger);
        }
    }

}
