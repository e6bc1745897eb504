using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Configuration;
using SpanMarshal.Diagnostics;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// Sends one request of a batch, retried with bounded exponential backoff and jitter under one
/// deadline for the whole send (<see cref="ExporterSettings.SendTimeout"/>), each attempt bounded by a
/// <see cref="ProgressWatchdog"/>, and counts every attempt in the health metrics. Written once for
/// both paths: with <c>sync</c> every await completes synchronously.
/// Cancellation throws <see cref="OperationCanceledException"/>, as the libdatadog pipeline does:
/// a cancelled send has no agent answer to report.
/// </summary>
internal sealed class RetryingSender
{
    private readonly AgentTransport _transport;
    private readonly ManagedPipelineSettings _settings;
    private readonly ExporterSettings _timeouts;
    private readonly ILogger _logger;

    public RetryingSender(AgentTransport transport, ManagedPipelineSettings settings, ExporterSettings timeouts, ILogger logger)
    {
        _transport = transport;
        _settings = settings;
        _timeouts = timeouts;
        _logger = logger;
    }

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
            AttemptResult result = await AttemptAsync(slice, deadline, sync, cancellationToken).ConfigureAwait(false);
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
            if (delay >= ExporterSettings.Remaining(deadline))
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

    private async ValueTask<AttemptResult> AttemptAsync(BatchSlice slice, long deadline, bool sync, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (ExporterSettings.Remaining(deadline) <= TimeSpan.Zero)
        {
            return AttemptResult.PastDeadline;
        }

        using var watchdog = new ProgressWatchdog(deadline, _timeouts.ConnectTimeout + _timeouts.ResponseTimeout, _timeouts.ResponseTimeout, cancellationToken);
        try
        {
            return await _transport.PostAsync(slice, watchdog, sync, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            // Cancelling closed the connection under a blocking read or write.
            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
        }
        catch (Exception) when (watchdog.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Whatever the cut connection threw (a cancellation, an IOException, an ObjectDisposedException
            // from a blocking read), the cause is the timeout that cut it.
            return watchdog.PastDeadline
                ? AttemptResult.PastDeadline
                : AttemptResult.Failed(TraceExporterErrorCode.TimedOut, $"the agent made no progress for {ExporterSettings.Describe(_timeouts.ResponseTimeout)} (ResponseTimeout)");
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Neither the caller nor the watchdog: the handler's ConnectTimeout.
            return AttemptResult.Failed(TraceExporterErrorCode.TimedOut, $"no connection to the agent within {ExporterSettings.Describe(_timeouts.ConnectTimeout)} (ConnectTimeout): {ex.Message}");
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
