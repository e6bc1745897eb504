using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Diagnostics;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// Sends one request of a batch, retried with bounded exponential backoff and jitter under one
/// deadline for the whole send, and counts every attempt in the health metrics. Written once for both paths: with <c>sync</c> every await completes synchronously.
/// Cancellation throws <see cref="OperationCanceledException"/>, as the libdatadog pipeline does:
/// a cancelled send has no agent answer to report.
/// </summary>
internal sealed class RetryingSender
{
    private readonly AgentTransport _transport;
    private readonly ManagedPipelineSettings _settings;
    private readonly TimeSpan _attemptTimeout;
    private readonly ILogger _logger;

    public RetryingSender(AgentTransport transport, ManagedPipelineSettings settings, TimeSpan attemptTimeout, ILogger logger)
    {
        _transport = transport;
        _settings = settings;
        _attemptTimeout = attemptTimeout;
        _logger = logger;
    }

    /// <summary>The deadline of a send that starts now (every request and retry of it included).</summary>
    public long DeadlineFromNow() => Stopwatch.GetTimestamp() + (long)(_settings.Deadline.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Sends one request's worth of traces, retried until it succeeds, fails for good or <paramref name="deadline"/> passes.</summary>
    /// <returns>The request's final result.</returns>
    public async ValueTask<AttemptResult> SendAsync(BatchSlice slice, long deadline, bool sync, CancellationToken cancellationToken)
    {
        try
        {
            return await SendWithRetriesAsync(slice, deadline, sync, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports the linked per-attempt token; the caller wants to see its own.
            throw new OperationCanceledException($"The send was cancelled; its {slice.ChunkCount} trace(s) may not have reached the agent.", ex, cancellationToken);
        }
    }

    private async ValueTask<AttemptResult> SendWithRetriesAsync(BatchSlice slice, long deadline, bool sync, CancellationToken cancellationToken)
    {
        AttemptResult? previous = null;
        for (int attempt = 1; ; attempt++)
        {
            AttemptResult result = await AttemptAsync(slice, Remaining(deadline), sync, cancellationToken).ConfigureAwait(false);
            Record(result, slice, attempt);
            if (result.IsPastDeadline && previous is AttemptResult earlier)
            {
                // A retry cut short by the deadline says less than the failure that caused it.
                LogFailure(earlier, slice.ChunkCount, attempt);
                return earlier;
            }

            previous = result;
            if (!result.IsRetryable || attempt >= _settings.MaxAttempts)
            {
                LogFailure(result, slice.ChunkCount, attempt);
                return result;
            }

            TimeSpan delay = Backoff(attempt);
            if (delay >= Remaining(deadline))
            {
                LogFailure(result, slice.ChunkCount, attempt);
                return result;
            }

            if (_logger.IsEnabled(LogLevel.Debug))
            {
                string reason = result.Describe();
                Log.ManagedSendRetrying(_logger, attempt, reason, (long)delay.TotalMilliseconds);
            }

            await DelayAsync(delay, sync, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<AttemptResult> AttemptAsync(BatchSlice slice, TimeSpan remaining, bool sync, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (remaining <= TimeSpan.Zero)
        {
            return AttemptResult.PastDeadline;
        }

        bool deadlineFirst = remaining < _attemptTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadlineFirst ? remaining : _attemptTimeout);
        try
        {
            return await _transport.PostAsync(slice, sync, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return deadlineFirst ? AttemptResult.PastDeadline : AttemptResult.Failed(TraceExporterErrorCode.TimedOut, "the agent did not answer in time");
        }
        catch (Exception ex) when (TransportErrors.IsTransportFailure(ex))
        {
            return TransportErrors.Classify(ex);
        }
    }

    private static void Record(AttemptResult result, BatchSlice slice, int attempt)
    {
        if (result.IsPastDeadline)
        {
            // No request was made.
            return;
        }

        HealthMetrics.Request(TracePipelineKind.Managed, result.Outcome, result.HttpStatus, retry: attempt > 1);
        if (result.HttpStatus is not null)
        {
            // The agent answered, so it read the whole body.
            HealthMetrics.BytesSent.Add(BatchContent.Length(slice), HealthMetrics.Pipeline(TracePipelineKind.Managed));
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        double exponential = Math.Min(_settings.MaxBackoff.TotalMilliseconds, _settings.FirstBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1));

        // Half fixed, half random: retries of many tracers do not arrive in lockstep.
        return TimeSpan.FromMilliseconds((exponential / 2) + (Random.Shared.NextDouble() * exponential / 2));
    }

    private static TimeSpan Remaining(long deadline) => Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);

    private static async ValueTask DelayAsync(TimeSpan delay, bool sync, CancellationToken cancellationToken)
    {
        if (!sync)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        else if (cancellationToken.WaitHandle.WaitOne(delay))
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private void LogFailure(AttemptResult result, int traceCount, int attempts)
    {
        if (!result.IsSuccess && _logger.IsEnabled(LogLevel.Warning))
        {
            string reason = result.Describe();
            Log.ManagedSendFailed(_logger, traceCount, attempts, reason);
        }
    }
}
