using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Diagnostics;

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

    public TraceBatch CreateBatch() => new EncodedBatch(_settings.MaxRequestBytes, _settings.Pools);

    public async ValueTask SendAsync(TraceBatch batch, SendAccount account, bool final, bool sync, CancellationToken cancellationToken)
    {
        var encoded = (EncodedBatch)batch;
        long deadline = account.Deadline ??= _sender.DeadlineFromNow();
        int sent = 0;

        // An empty final batch still makes one request: it is how a tracer refreshes its sampling rates.
        do
        {
            BatchSlice slice = encoded.Slice(sent, _settings.MaxRequestBytes);
            if (account.Stopped)
            {
                account.NotAttempted(slice.ChunkCount, slice.SpanCount);
            }
            else if (!final && sent + slice.ChunkCount == encoded.ChunkCount)
            {
                // The tail may not fill a request: the next fill completes it.
                break;
            }
            else
            {
                AttemptResult result = await _sender.SendAsync(slice, deadline, sync, cancellationToken).ConfigureAwait(false);
                account.Add(ManagedResponses.Outcome(result, slice, _logger));
            }

            sent += slice.ChunkCount;
        }
        while (sent < encoded.ChunkCount);

        encoded.RemoveFirst(sent);
    }

    public void Dispose() => _transport.Dispose();
}
