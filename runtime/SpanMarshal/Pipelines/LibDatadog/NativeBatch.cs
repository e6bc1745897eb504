using System.Collections.Generic;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Marshalling.Sinks;
using SpanMarshal.Native;

namespace SpanMarshal.Pipelines.LibDatadog;

/// <summary>
/// The libdatadog pipeline's batch: a native chunk set (one chunk per trace), created at the first
/// marshalling call after each send. It owns every native object marshalling creates until the
/// send takes the chunk set, and frees them on every other path.
/// </summary>
internal sealed class NativeBatch : TraceBatch
{
    private readonly SpanHandle _span = new();
    private readonly PendingSpans _pending = new();
    private readonly SpanDefaults _defaults;
    private TraceChunksHandle? _chunks;
    private int _spanCount;

    /// <param name="defaults">What the exporter adds to every span.</param>
    public NativeBatch(SpanDefaults defaults) => _defaults = defaults;

    /// <summary>Never: libdatadog splits what it sends itself.</summary>
    public override bool IsFull => false;

    /// <summary>The traces in the chunk set.</summary>
    public int TraceCount { get; private set; }

    /// <summary>The spans in those traces.</summary>
    public override int SpanCount => _spanCount;

    /// <summary>Nothing to send: no chunk holds a span and no creation failure waits to be reported.</summary>
    public override bool IsEmpty => _spanCount == 0 && CreationFailure is null;

    /// <summary>Why the chunk set could not be created, when it could not: the traces of this fill were not marshalled.</summary>
    public NativeFailure? CreationFailure { get; private set; }

    /// <summary>The traces (and their spans) that a <see cref="CreationFailure"/> kept from being marshalled.</summary>
    public (int Traces, int Spans) Unmarshalled { get; private set; }

    /// <inheritdoc/>
    public override int Marshal<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, int firstTrace, BatchMarshaller<TSpan> marshaller)
    {
        if (_chunks is null && !TryCreateChunks(traces, firstTrace))
        {
            return traces.Count;
        }

        Utf8Strings strings = Utf8Strings.Rent();
        var sink = new TraceSink<LibDatadogEncoder>(new LibDatadogEncoder(_chunks!, _span, _pending), strings, _defaults);
        try
        {
            return marshaller.Write(traces, firstTrace, ref sink);
        }
        catch
        {
            // The trace being marshalled never reaches the chunk set; the ones before it stay.
            _span.FreeCurrent();
            _pending.FreeAll();
            throw;
        }
        finally
        {
            Tally += sink.Tally;
            TraceCount += sink.Tally.TraceCount;
            _spanCount += sink.Tally.SpanCount;
            strings.Return();
        }
    }

    /// <summary>Takes the chunk set (creating an empty one for an empty send, which refreshes the sampling rates) for the send that consumes it.</summary>
    /// <exception cref="LibDatadogCallException">An empty chunk set could not be created.</exception>
    public TraceChunksHandle TakeChunks()
    {
        TraceChunksHandle chunks = _chunks ?? NewChunks(0);
        _chunks = null;
        TraceCount = 0;
        _spanCount = 0;
        return chunks;
    }

    /// <summary>Forgets a creation failure once it was reported.</summary>
    public void ClearFailure()
    {
        CreationFailure = null;
        Unmarshalled = default;
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _chunks?.Dispose();
        _chunks = null;
        _pending.FreeAll();
        _span.Dispose();
    }

    private bool TryCreateChunks<TSpan>(IReadOnlyList<IReadOnlyList<TSpan>> traces, int firstTrace)
        where TSpan : class
    {
        try
        {
            _chunks = NewChunks(traces.Count - firstTrace);
            return true;
        }
        catch (LibDatadogCallException ex)
        {
            CreationFailure = ex.Failure;
            int spans = 0;
            for (int t = firstTrace; t < traces.Count; t++)
            {
                spans += traces[t]?.Count ?? 0;
            }

            Unmarshalled = (Unmarshalled.Traces + traces.Count - firstTrace, Unmarshalled.Spans + spans);
            return false;
        }
    }

    private static unsafe TraceChunksHandle NewChunks(int capacity)
    {
        NativeError* error = NativeMethods.ddog_tracer_trace_chunks_new((nuint)capacity, out TraceChunksHandle chunks);
        if (NativeFailure.Take(error) is { } failure)
        {
            chunks.Dispose();
            throw new LibDatadogCallException("ddog_tracer_trace_chunks_new", failure);
        }

        return chunks;
    }
}
