using System;

namespace SpanMarshal;

/// <summary>
/// How a <see cref="TraceWriter{TSpan}"/> buffers and flushes. Read once, when the writer is
/// created: changing them afterwards changes nothing.
/// </summary>
/// <remarks>
/// A writer has two buffers: writers fill one while the other is being sent. Each stops taking
/// traces at whichever limit it reaches first, <see cref="MaxBufferedSpans"/> or
/// <see cref="MaxBufferedBytes"/>, and is then flushed; when the other is still being sent, traces
/// are dropped (and counted) until it is done. The trace that reaches a limit is kept, so a buffer
/// exceeds it by at most one trace.
/// </remarks>
public sealed class TraceWriterOptions
{
    private static readonly TimeSpan MaximumTime = TimeSpan.FromHours(1);

    /// <summary>How often what was written is sent, whether or not a buffer is full (default 1 s, as dd-trace-dotnet); between 1 ms and 1 hour.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The spans one buffer holds before it is flushed (default 20 000, about 10 MiB of typical spans).
    /// The limit that bounds memory in the libdatadog pipeline, which builds spans in native memory
    /// whose size .NET cannot see.
    /// </summary>
    public int MaxBufferedSpans { get; set; } = 20_000;

    /// <summary>
    /// The encoded bytes one buffer holds before it is flushed (default 10 MiB, as dd-trace-dotnet's trace buffer),
    /// in the managed pipeline. A buffer is also flushed at one request's worth (25 MiB, the agent's
    /// limit), whatever this says. libdatadog's buffers are bounded by <see cref="MaxBufferedSpans"/> only.
    /// </summary>
    public int MaxBufferedBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// How long disposing waits for the final flush (default 5 s; zero drops what is buffered at once);
    /// at most 1 hour. What it has not sent by then is cancelled and counted as dropped (reason <c>shutdown</c>).
    /// </summary>
    public TimeSpan DisposeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws when an option is out of range, naming it and its value.</summary>
    internal void Validate()
    {
        if (FlushInterval < TimeSpan.FromMilliseconds(1) || FlushInterval > MaximumTime)
        {
            throw new ArgumentOutOfRangeException(nameof(FlushInterval), FlushInterval, "TraceWriterOptions.FlushInterval must be between 1 ms and 1 hour.");
        }

        if (DisposeTimeout < TimeSpan.Zero || DisposeTimeout > MaximumTime)
        {
            throw new ArgumentOutOfRangeException(nameof(DisposeTimeout), DisposeTimeout, "TraceWriterOptions.DisposeTimeout must be between zero and 1 hour.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBufferedSpans);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBufferedBytes);
    }
}
