using System;
using System.Threading;
using System.Threading.Tasks;

namespace SpanMarshal.Pipelines.LibDatadog;

/// <summary>
/// Runs the libdatadog pipeline's async sends, each blocking a thread of its own inside
/// libdatadog, with at most <see cref="MaxConcurrentSends"/> at once: sends beyond that wait for a
/// slot without holding any thread, so a stalled agent cannot make the process grow a thread per
/// send (500 sends once meant 500 threads).
/// </summary>
internal sealed class NativeSendWorker : IDisposable
{
    /// <summary>How many async sends may be inside libdatadog at once.</summary>
    public const int MaxConcurrentSends = 4;

    private readonly SemaphoreSlim _slots = new(MaxConcurrentSends, MaxConcurrentSends);

    /// <summary>
    /// Waits for a slot, then runs <paramref name="send"/> on a thread of its own;
    /// <paramref name="cleanup"/> runs on every path, a cancellation while waiting included.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while the send waited for a slot.</exception>
    public async Task<RequestOutcome> RunAsync(Func<RequestOutcome> send, Action cleanup, CancellationToken cancellationToken)
    {
        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            cleanup();
            throw;
        }

        try
        {
            return await NativeSendThread.Start(send, cleanup).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Called by the pipeline once every send has returned.</summary>
    public void Dispose() => _slots.Dispose();
}
