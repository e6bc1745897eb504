using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace SpanMarshal.Hosting;

/// <summary>
/// Creates the writer when the host starts (so a bad option fails the start, not the first span)
/// and flushes it when the host stops. The container disposes it afterwards, which sends what
/// other services wrote while stopping.
/// </summary>
internal sealed class TraceWriterHostedService<TSpan> : IHostedService
    where TSpan : class
{
    private readonly TraceWriter<TSpan> _writer;

    public TraceWriterHostedService(TraceWriter<TSpan> writer) => _writer = writer;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout passed; disposal sends what it can within the writer's own timeout.
        }
    }
}
