using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Diagnostics;
using SpanMarshal.Marshalling.Sinks;
using SpanMarshal.Pipelines;

namespace SpanMarshal.Writing;

/// <summary>
/// A trace writer's one background task: sends the buffer the writers handed over, or the front
/// every interval, one send at a time; backs off after failed flushes; and on closing sends what
/// is left, then frees the batches and the pipeline (after its last send returned, never under it).
/// </summary>
/// <remarks>
/// The task waits on a semaphore with a timeout, never on a dedicated thread or a timer of its
/// own, so nothing it holds keeps the process alive.
/// </remarks>
[SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "Neither field holds anything to free (no wait handle, no timer), and disposing them would make a late Wake or Stop throw.")]
internal sealed class FlushLoop<TSpan>
    where TSpan : class
{
    /// <summary>The longest wait between flushes after repeated failures.</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly WriteBuffers<TSpan> _buffers;
    private readonly ITracePipeline _pipeline;
    private readonly ILogger _logger;
    private readonly TimeSpan _interval;
    private readonly Action<TraceExporterResponse> _sent;
    private readonly KeyValuePair<string, object?> _pipelineTag;

    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private int _wakePending;

    public FlushLoop(WriteBuffers<TSpan> buffers, ITracePipeline pipeline, TimeSpan interval, ILogger logger, Action<TraceExporterResponse> sent)
    {
        _buffers = buffers;
        _pipeline = pipeline;
        _interval = interval;
        _logger = logger;
        _sent = sent;
        _pipelineTag = HealthMetrics.Pipeline(pipeline.Kind);
        BufferedSpanSources.Add(buffers);
        Completion = Task.Run(RunAsync);
    }

    /// <summary>Completes when the loop has ended and freed the pipeline.</summary>
    public Task Completion { get; }

    /// <summary>Makes the loop look at the buffers now (a swap, a flush request, closing).</summary>
    public void Wake()
    {
        if (Interlocked.Exchange(ref _wakePending, 1) == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Cancels the send in flight and ends the loop: what was not sent is dropped.</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>The wait after <paramref name="failures"/> failed flushes in a row: the interval doubled per failure, at most <see cref="MaxBackoff"/> (or the interval, if longer).</summary>
    private static TimeSpan Backoff(TimeSpan interval, int failures)
    {
        double factor = Math.Pow(2, Math.Min(failures, 16));
        return TimeSpan.FromTicks((long)Math.Min(interval.Ticks * factor, Math.Max(MaxBackoff.Ticks, interval.Ticks)));
    }

    private static long After(TimeSpan delay) => Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);

    private async Task RunAsync()
    {
        long nextDue = After(_interval);
        int failures = 0;
        try
        {
            while (true)
            {
                // Reset before looking, so a wake that comes after the look is never lost.
                Volatile.Write(ref _wakePending, 0);
                bool due = Stopwatch.GetTimestamp() >= nextDue;
                TraceBatch? batch = _buffers.NextToSend(due, holdBack: failures != 0 && !due, out FlushTicket ticket, out bool drained);
                if (batch is null)
                {
                    if (drained)
                    {
                        return;
                    }

                    if (due)
                    {
                        nextDue = After(_interval);
                    }

                    TimeSpan until = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), nextDue);
                    await _wake.WaitAsync(until > TimeSpan.Zero ? until : TimeSpan.Zero, _stop.Token).ConfigureAwait(false);
                    continue;
                }

                HealthMetrics.Flushes.Add(1, _pipelineTag, new(HealthMetrics.ReasonTag, ticket.Reason));
                FlushResult result = await SendAsync(batch).ConfigureAwait(false);

                // A failure the next flush would meet too; a 400 or 413 concerns only the traces that got it.
                failures = result.Failed || result.Response is { IsOk: false, HttpStatusCode: not (400 or 413) } ? failures + 1 : 0;
                TimeSpan wait = failures == 0 ? _interval : Backoff(_interval, failures);
                nextDue = After(wait);
                if (failures != 0)
                {
                    Log.WriterBackingOff(_logger, failures, wait);
                }

                _buffers.Sent(ticket, result.Replacement);
                if (result.Response is not null)
                {
                    _sent(result.Response);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposal gave up waiting: the send in flight counted what it had not sent; the front follows.
        }
        finally
        {
            Finish();
        }
    }

    /// <summary>
    /// Sends the whole batch (a batch whose traces were all left out only has its counts recorded:
    /// no request, no response). A send cancelled by <see cref="Stop"/> counts what it had not sent
    /// as dropped (shutdown) and throws; an unexpected failure counts it as failed and returns a
    /// fresh batch to replace the one that may still hold it.
    /// </summary>
    private async Task<FlushResult> SendAsync(TraceBatch batch)
    {
        LogBufferFull();
        BatchTally tally = batch.TakeTally();
        if (batch.IsEmpty)
        {
            CountUnsent(tally, unsentReason: null);
            return default;
        }

        var account = new SendAccount(_pipeline.Kind);
        account.Marshalled(tally);
        string? unfinished = HealthMetrics.Reasons.Failed;
        try
        {
            await _pipeline.SendAsync(batch, account, final: true, sync: false, _stop.Token).ConfigureAwait(false);
            unfinished = null;
            return new FlushResult(account.ToResponse(), Failed: false, Replacement: null);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            unfinished = HealthMetrics.Reasons.Shutdown;
            throw;
        }
        catch (Exception ex)
        {
            Log.WriterFlushFailed(_logger, ex);
            return new FlushResult(null, Failed: true, _pipeline.CreateBatch());
        }
        finally
        {
            account.Report(_logger, (tally.TraceCount + tally.DroppedTraceCount, tally.SpanCount + tally.DroppedSpanCount), unfinished);
        }
    }

    /// <summary>Records a batch that no request carried: what marshalling left out, and the rest as dropped for <paramref name="unsentReason"/>.</summary>
    private void CountUnsent(BatchTally tally, string? unsentReason)
    {
        HealthMetrics.LeftOut(_pipeline.Kind, tally);
        Log.LeftOut(_logger, tally);
        if (unsentReason is not null)
        {
            HealthMetrics.Dropped(_pipeline.Kind, unsentReason, tally.TraceCount, tally.SpanCount);
        }
    }

    private void LogBufferFull()
    {
        int dropped = _buffers.TakeBufferFullCount();
        if (dropped != 0)
        {
            Log.WriterBufferFull(_logger, dropped);
        }
    }

    private void Finish()
    {
        try
        {
            LogBufferFull();
            if (_buffers.Abandon() is TraceBatch front)
            {
                // Written, never sent: disposal gave up before the front's turn came.
                CountUnsent(front.TakeTally(), HealthMetrics.Reasons.Shutdown);
            }
        }
        finally
        {
            BufferedSpanSources.Remove(_buffers);
            _buffers.DisposeBatches();
            _pipeline.Dispose();
        }
    }

    /// <summary>How a flush ended: the send's response (none when nothing was sent), whether it failed unexpectedly, and the batch that replaces a failed one.</summary>
    private readonly record struct FlushResult(TraceExporterResponse? Response, bool Failed, TraceBatch? Replacement);
}
