using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SpanMarshal.Diagnostics;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Pipelines;

namespace SpanMarshal.Writing;

/// <summary>
/// A trace writer's two buffers and all the state its writing threads and its background task
/// share, under one lock. Traces are marshalled into the front batch on the writing thread; once
/// the front reaches the limit it is swapped with the back, unless the background task is still
/// sending the back, in which case traces are dropped until it is done. Each fill of the front
/// has a generation number, so a flush can wait for exactly the traces written before it.
/// </summary>
/// <remarks>
/// A batch is touched by one party at a time: the front by writers under the lock, the back by
/// the background task between <see cref="NextToSend"/> and <see cref="Sent"/>. The lock is held
/// only to marshal one trace or to exchange two references, never during I/O.
/// </remarks>
internal sealed class WriteBuffers<TSpan> : IBufferedSpanSource
    where TSpan : class
{
    private readonly object _gate = new();
    private readonly BatchMarshaller<TSpan> _marshaller;
    private readonly SingleTrace<TSpan> _single = new();
    private readonly int _maxSpans;
    private readonly int _maxBytes;
    private readonly List<(long Generation, TaskCompletionSource Done)> _flushWaiters = [];
    private TraceBatch _front;
    private TraceBatch _back;
    private bool _backTaken;
    private FlushTicket _backTicket;
    private long _frontGeneration = 1;
    private long _flushTarget;
    private int _bufferedSpans;
    private int _bufferFullTraces;
    private bool _closed;
    private bool _stopped;

    /// <param name="pipeline">Creates the two batches.</param>
    /// <param name="marshaller">The span type's batch walk.</param>
    /// <param name="maxSpans">The spans a buffer holds before it counts as full.</param>
    /// <param name="maxBytes">The bytes a buffer holds before it counts as full, where the pipeline can tell its size.</param>
    public WriteBuffers(ITracePipeline pipeline, BatchMarshaller<TSpan> marshaller, int maxSpans, int maxBytes)
    {
        Pipeline = pipeline.Kind;
        _marshaller = marshaller;
        _maxSpans = maxSpans;
        _maxBytes = maxBytes;
        _front = pipeline.CreateBatch();
        _back = pipeline.CreateBatch();
    }

    public TracePipelineKind Pipeline { get; }

    /// <inheritdoc/>
    public int BufferedSpans => Volatile.Read(ref _bufferedSpans);

    /// <summary>
    /// Marshals <paramref name="trace"/> into the front buffer on the calling thread. When a span
    /// getter throws, the trace is rolled back and the exception propagates.
    /// </summary>
    /// <param name="trace">The trace.</param>
    /// <param name="swapped">True when the front was handed to the background task: it must be woken.</param>
    public WriteOutcome Write(IReadOnlyList<TSpan> trace, out bool swapped)
    {
        swapped = false;
        lock (_gate)
        {
            if (_closed)
            {
                return WriteOutcome.Closed;
            }

            if (IsFull(_front))
            {
                if (_backTaken)
                {
                    _bufferFullTraces++;
                    return WriteOutcome.BufferFull;
                }

                Swap(HealthMetrics.FlushReasons.Size);
                swapped = true;
            }

            int before = _front.SpanCount;
            _single.Trace = trace;
            try
            {
                _front.Marshal(_single, 0, _marshaller);
            }
            finally
            {
                // The writer must not keep the caller's spans reachable.
                _single.Trace = null;
            }

            int kept = _front.SpanCount - before;
            Volatile.Write(ref _bufferedSpans, _bufferedSpans + kept);

            // Flush on size as soon as the limit is reached, so the next writer finds an empty front.
            if (!_backTaken && IsFull(_front))
            {
                Swap(HealthMetrics.FlushReasons.Size);
                swapped = true;
            }

            return kept != 0 ? WriteOutcome.Buffered : WriteOutcome.LeftOut;
        }
    }

    /// <summary>
    /// What the background task sends now, if anything: the back when a writer swapped it, else the
    /// front once the interval is <paramref name="due"/> or it is full; either at once when a flush
    /// was requested or the writer is closing. With <paramref name="holdBack"/> (backing off after a
    /// failed flush) only a requested flush or closing sends.
    /// </summary>
    /// <param name="due">The flush interval (or the back-off) has passed.</param>
    /// <param name="holdBack">Send only what a flush request or closing asks for.</param>
    /// <param name="ticket">The batch's generation, flush reason and spans.</param>
    /// <param name="drained">True when the writer is closed and nothing is left: the background task can end.</param>
    public TraceBatch? NextToSend(bool due, bool holdBack, out FlushTicket ticket, out bool drained)
    {
        lock (_gate)
        {
            bool frontWaited = _flushTarget >= _frontGeneration;
            if (!_backTaken && HasContent(_front) && (_closed || frontWaited || (!holdBack && (due || IsFull(_front)))))
            {
                Swap(_closed ? HealthMetrics.FlushReasons.Dispose
                    : frontWaited ? HealthMetrics.FlushReasons.Requested
                    : due ? HealthMetrics.FlushReasons.Interval
                    : HealthMetrics.FlushReasons.Size);
            }

            ticket = _backTicket;
            drained = _closed && !_backTaken;
            return _backTaken && (_closed || _flushTarget >= ticket.Generation || !holdBack) ? _back : null;
        }
    }

    /// <summary>The background task is done with the back: it is empty again (or <paramref name="replacement"/> takes its place), and flushes waiting for its generation complete.</summary>
    public void Sent(FlushTicket ticket, TraceBatch? replacement)
    {
        lock (_gate)
        {
            if (replacement is not null)
            {
                _back.Dispose();
                _back = replacement;
            }

            _backTaken = false;
            Volatile.Write(ref _bufferedSpans, _bufferedSpans - ticket.Spans);
            int done = 0;
            while (done < _flushWaiters.Count && _flushWaiters[done].Generation <= ticket.Generation)
            {
                _flushWaiters[done++].Done.TrySetResult();
            }

            _flushWaiters.RemoveRange(0, done);
        }
    }

    /// <summary>A task that completes once every trace written so far has been sent or dropped (the caller wakes the background task).</summary>
    public Task RequestFlush()
    {
        lock (_gate)
        {
            long target = HasContent(_front) ? _frontGeneration : _backTaken ? _backTicket.Generation : 0;
            if (target == 0 || _stopped)
            {
                return Task.CompletedTask;
            }

            // Generations only grow, so the list stays sorted by the generation it waits for.
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushWaiters.Add((target, done));
            _flushTarget = target;
            return done.Task;
        }
    }

    /// <summary>Refuses every later write. False when the writer was already closed.</summary>
    public bool Close()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _closed = true;
            return true;
        }
    }

    /// <summary>How many traces were dropped because both buffers were full since the last call.</summary>
    public int TakeBufferFullCount()
    {
        lock (_gate)
        {
            int count = _bufferFullTraces;
            _bufferFullTraces = 0;
            return count;
        }
    }

    /// <summary>
    /// After the background task stopped (closed, nothing more will be sent): hands over the front if
    /// it still holds anything, to be counted as dropped, and completes every waiting flush.
    /// </summary>
    public TraceBatch? Abandon()
    {
        lock (_gate)
        {
            _closed = true;
            _stopped = true;
            foreach ((_, TaskCompletionSource done) in _flushWaiters)
            {
                done.TrySetResult();
            }

            _flushWaiters.Clear();
            Volatile.Write(ref _bufferedSpans, 0);
            return HasContent(_front) ? _front : null;
        }
    }

    /// <summary>Frees both batches (after <see cref="Abandon"/>).</summary>
    public void DisposeBatches()
    {
        lock (_gate)
        {
            _front.Dispose();
            _back.Dispose();
        }
    }

    // Anything to send, or to report: a buffer whose traces were all left out still has counts to record.
    private static bool HasContent(TraceBatch batch) => !batch.IsEmpty || batch.Tally != default;

    private bool IsFull(TraceBatch batch) => batch.IsFull || batch.SpanCount >= _maxSpans || batch.ByteCount >= _maxBytes;

    private void Swap(string reason)
    {
        (_front, _back) = (_back, _front);
        _backTaken = true;
        _backTicket = new FlushTicket(_frontGeneration++, reason, _back.SpanCount);
    }
}
