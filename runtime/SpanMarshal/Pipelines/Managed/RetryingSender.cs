using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Configuration;
using SpanMarshal.Diagnostics;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// Sends an encoded batch as one or more requests (cut at chunk boundaries to fit the agent's
/// limit), each retried with bounded exponential backoff and jitter under one deadline for the
/// whole send (<see cref="ExporterSettings.SendTimeout"/>); each attempt is bounded by a
/// <see cref="ProgressWatchdog"/>. Written once for both paths: with <c>sync</c> every await
/// completes synchronously.
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

    /// <summary>Sends every chunk of <paramref name="batch"/>, stopping at the first request that fails for good.</summary>
    /// <returns>The last request's result and the number of chunks in the requests made.</returns>
    public async ValueTask<(AttemptResult Result, int TraceCount)> SendAsync(EncodedBatch batch, bool sync, CancellationToken cancellationToken)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(_timeouts.SendTimeout.TotalSeconds * Stopwatch.Frequency);
        int sent = 0;
        AttemptResult result;
        try
        {
            do
            {
                // An empty batch still makes one request: it is how a tracer refreshes its sampling rates.
                BatchSlice slice = batch.Slice(sent, _settings.MaxRequestBytes);
                result = await SendWithRetriesAsync(slice, deadline, sync, cancellationToken).ConfigureAwait(false);
                sent += slice.ChunkCount;
            }
            while (result.IsSuccess && sent < batch.ChunkCount);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports the linked per-attempt token; the caller wants to see its own.
            throw new OperationCanceledException($"The send was cancelled; its {batch.ChunkCount} trace(s) may not have reached the agent.", ex, cancellationToken);
        }

        return (result, sent);
    }

    private async ValueTask<AttemptResult> SendWithRetriesAsync(BatchSlice slice, long deadline, bool sync, CancellationToken cancellationToken)
    {
        AttemptResult? previous = null;
        for (int attempt = 1; ; attempt++)
        {
            AttemptResult result = await AttemptAsync(slice, deadline, sync, cancellationToken).ConfigureAwait(false);
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

    private async ValueTask<AttemptResult> AttemptAsync(BatchSlice slice, long deadline, bool sync, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Remaining(deadline) <= TimeSpan.Zero)
        {
            return AttemptResult.PastDeadline;
        }

        using var watchdog = new ProgressWatchdog(deadline, _timeouts.ConnectTimeout + _timeouts.ResponseTimeout, _timeouts.ResponseTimeout, cancellationToken);
        try
        {
            return await _transport.PostAsync(slice, watchdog, sync).ConfigureAwait(false);
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
