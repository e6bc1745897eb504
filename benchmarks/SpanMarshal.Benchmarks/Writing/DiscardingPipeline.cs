using System;
using System.Threading;
using System.Threading.Tasks;
using SpanMarshal.Pipelines;
using SpanMarshal.Pipelines.Managed;

namespace SpanMarshal.Benchmarks.Writing;

/// <summary>
/// The managed pipeline's batches with a send that only empties them: what a writing thread pays
/// (marshalling under the writer's lock, the swap, the counters), without the I/O of the
/// background send competing for the same cores.
/// </summary>
internal sealed class DiscardingPipeline : ITracePipeline
{
    public TracePipelineKind Kind => TracePipelineKind.Managed;

    public TraceBatch CreateBatch() => EncodedBatch.Create(TraceApiVersion.V04, ManagedPipelineSettings.Default.MaxRequestBytes, BufferPools.Shared);

    public ValueTask SendAsync(TraceBatch batch, SendAccount account, bool final, bool sync, CancellationToken cancellationToken)
    {
        var encoded = (EncodedBatch)batch;
        account.Add(new RequestOutcome(encoded.ChunkCount, encoded.SpanCount, 200, null, null, ReadOnlyMemory<byte>.Empty, null));
        encoded.RemoveFirst(encoded.ChunkCount);
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
    }
}
