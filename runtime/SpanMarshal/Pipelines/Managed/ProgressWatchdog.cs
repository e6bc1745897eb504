using System;
using System.Diagnostics;
using System.Threading;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// The timeouts of one request attempt, as one cancellation token: it fires when the attempt makes
/// no progress for the inactivity timeout (each piece of body written and each piece of answer read
/// pushes it back), or at the send's deadline, or when the caller cancels. Connecting has its own
/// timeout in the handler; the first window covers it so the two never race.
/// </summary>
/// <remarks>
/// A progressing upload is never cut, however large and slow: only the deadline bounds it. Thread-safe:
/// the body may be written on another thread than the one that disposes the watchdog.
/// </remarks>
internal sealed class ProgressWatchdog : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly long _deadline;
    private readonly TimeSpan _inactivity;
    private bool _disposed;

    // The timer runs to the send's deadline, not for an inactivity window. CancelAfter counts whole
    // milliseconds, so it may fire a little before the deadline on the Stopwatch: its firing is the deadline all the same.
    private volatile bool _armedForDeadline;

    /// <param name="deadline">The send's deadline (a <see cref="Stopwatch"/> timestamp).</param>
    /// <param name="firstProgressWithin">How long the attempt may take to connect and start the upload.</param>
    /// <param name="inactivity">How long the attempt may then go without progress.</param>
    /// <param name="cancellationToken">The caller's token (cancelling it cancels the attempt).</param>
    public ProgressWatchdog(long deadline, TimeSpan firstProgressWithin, TimeSpan inactivity, CancellationToken cancellationToken)
    {
        _timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _deadline = deadline;
        _inactivity = inactivity;
        Arm(firstProgressWithin);
    }

    /// <summary>Cancelled when the attempt times out or the caller cancels.</summary>
    public CancellationToken Token => _timer.Token;

    /// <summary>True once the send's deadline has passed, or the timer that fired ran to it (so a timeout was the deadline, not inactivity).</summary>
    public bool PastDeadline => (_armedForDeadline && _timer.IsCancellationRequested) || Stopwatch.GetTimestamp() >= _deadline;

    /// <summary>The attempt moved (bytes written or read): the inactivity timeout starts again.</summary>
    public void Progress() => Arm(_inactivity);

    public void Dispose()
    {
        lock (_timer)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    private void Arm(TimeSpan window)
    {
        lock (_timer)
        {
            // The handler may still report progress of a body it abandoned after the attempt ended.
            if (_disposed || _timer.IsCancellationRequested)
            {
                return;
            }

            TimeSpan remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _deadline);
            _armedForDeadline = window >= remaining;
            _timer.CancelAfter(window < remaining ? window : (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero));
        }
    }
}
