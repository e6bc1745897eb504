using System;
using System.Threading;
using System.Threading.Tasks;

namespace SpanMarshal.Pipelines.LibDatadog;

/// <summary>
/// Runs one blocking native send on a thread of its own, so an async caller never parks a
/// thread-pool thread in libdatadog; the task's continuations go back to the pool.
/// </summary>
internal sealed class NativeSendThread
{
    private readonly TaskCompletionSource<RequestOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<RequestOutcome> _send;
    private readonly Action _cleanup;

    private NativeSendThread(Func<RequestOutcome> send, Action cleanup)
    {
        _send = send;
        _cleanup = cleanup;
    }

    /// <summary>Starts <paramref name="send"/>; <paramref name="cleanup"/> runs after it on every path, including a failure to start.</summary>
    public static Task<RequestOutcome> Start(Func<RequestOutcome> send, Action cleanup)
    {
        var job = new NativeSendThread(send, cleanup);
        try
        {
            var thread = new Thread(static state => ((NativeSendThread)state!).Run())
            {
                IsBackground = true,
                Name = "SpanMarshal libdatadog send",
            };
            thread.UnsafeStart(job);
        }
        catch
        {
            cleanup();
            throw;
        }

        return job._completion.Task;
    }

    private void Run()
    {
        try
        {
            _completion.SetResult(_send());
        }
        catch (OperationCanceledException ex)
        {
            _completion.SetCanceled(ex.CancellationToken);
        }
#pragma warning disable CA1031 // Every failure belongs to the awaiting caller, not to this thread.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _completion.SetException(ex);
        }
        finally
        {
            _cleanup();
        }
    }
}
