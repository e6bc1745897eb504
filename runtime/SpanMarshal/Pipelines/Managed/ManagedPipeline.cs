using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Configuration;
using SpanMarshal.Diagnostics;
using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// The built-in pipeline: v0.5 or v0.4 msgpack (<see cref="TraceApiChoice"/>) written in place into
/// pooled buffers, then HTTP (TCP or Unix socket) to the agent. Needs nothing native.
/// </summary>
internal sealed class ManagedPipeline : ITracePipeline
{
    private readonly ManagedPipelineSettings _settings;
    private readonly ExporterSettings _timeouts;
    private readonly SpanDefaults _defaults;
    private readonly ILogger _logger;
    private readonly AgentTransport _transport;
    private readonly RetryingSender _sender;

    public ManagedPipeline(ExporterSettings exporter, ILogger logger)
        : this(exporter, logger, ManagedPipelineSettings.Default)
    {
    }

    internal ManagedPipeline(ExporterSettings exporter, ILogger logger, ManagedPipelineSettings settings)
    {
        _settings = settings;
        _timeouts = exporter;
        _defaults = exporter.SpanDefaults;
        _logger = logger;
        _transport = new AgentTransport(exporter);
        _sender = new RetryingSender(_transport, settings, exporter, logger);
        ApiVersion = new TraceApiChoice(exporter.ApiVersion, _transport.ListsV05Async, exporter.ConnectTimeout + exporter.ResponseTimeout, logger);
        if (exporter.ComputeStats)
        {
            Log.ManagedStatsNotComputed(logger);
        }
    }

    public TracePipelineKind Kind => TracePipelineKind.Managed;

    /// <summary>Which intake version batches are encoded for.</summary>
    internal TraceApiChoice ApiVersion { get; }

    public TraceBatch CreateBatch() => EncodedBatch.Create(ApiVersion.Current, _settings.MaxRequestBytes, _settings.Pools, _defaults);

    public async ValueTask SendAsync(TraceBatch batch, SendAccount account, bool final, bool sync, CancellationToken cancellationToken)
    {
        var encoded = (EncodedBatch)batch;
        long deadline = account.Deadline ??= _timeouts.DeadlineFromNow();
        int sent = 0;

        // An empty final batch still makes one request: it is how a tracer refreshes its sampling rates.
        do
        {
            BatchSlice slice = encoded.Slice(sent, _settings.MaxRequestBytes);
            if (account.Stopped)
            {
                account.NotAttempted(slice.ChunkCount, slice.SpanCount);
            }
            else if (!final && sent + slice.ChunkCount == encoded.ChunkCount && encoded.IsOpen(sent))
            {
                // The tail may not fill a request: the next fill completes it.
                break;
            }
            else
            {
                await SendSliceAsync(slice, account, deadline, sync, cancellationToken).ConfigureAwait(false);
            }

            sent += slice.ChunkCount;
        }
        while (sent < encoded.ChunkCount);

        encoded.RemoveFirst(sent);
    }

    public void Dispose()
    {
        ApiVersion.Dispose();
        _transport.Dispose();
    }

    private async ValueTask SendSliceAsync(BatchSlice slice, SendAccount account, long deadline, bool sync, CancellationToken cancellationToken)
    {
        AttemptResult result = await _sender.SendAsync(slice, deadline, sync, cancellationToken).ConfigureAwait(false);
        if (slice.Version == TraceApiVersion.V05 && result.HttpStatus is (404 or 415))
        {
            ApiVersion.Refused(result.HttpStatus.Value);
            await SendAsV04Async(slice, account, sync, cancellationToken).ConfigureAwait(false);
            return;
        }

        account.Add(ManagedResponses.Outcome(result, slice, _logger));
    }

    // The agent refused v0.5: the same traces go again as v0.4 (as dd-trace-rb resends them), in as many
    // requests as they need, under the same deadline.
    private async ValueTask SendAsV04Async(BatchSlice slice, SendAccount account, bool sync, CancellationToken cancellationToken)
    {
        using EncodedBatch v04 = V04Fallback.ToV04(slice, _settings.MaxRequestBytes, _settings.Pools, out (int Traces, int Spans) tooLarge);
        if (tooLarge.Traces != 0)
        {
            account.TooLargeAfterMarshalling(tooLarge.Traces, tooLarge.Spans);
        }

        await SendAsync(v04, account, final: true, sync, cancellationToken).ConfigureAwait(false);
    }
}
