using System;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>The managed pipeline's limits and retry policy; internal so tests can shrink them.</summary>
internal sealed record ManagedPipelineSettings
{
    public static ManagedPipelineSettings Default { get; } = new();

    /// <summary>The agent's largest accepted body (its default <c>max_request_bytes</c>, 25 MiB); larger batches are split.</summary>
    public int MaxRequestBytes { get; init; } = 25 * 1024 * 1024;

    /// <summary>Attempts per request, the first included (libdatadog and dd-trace-dotnet use 5).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The delay before the first retry; it doubles per retry up to <see cref="MaxBackoff"/>, with jitter.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Where batches rent their buffers (tests count the rentals).</summary>
    public BufferPools Pools { get; init; } = BufferPools.Shared;

    /// <summary>The time one send may take, every request and retry included.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(20);
}
