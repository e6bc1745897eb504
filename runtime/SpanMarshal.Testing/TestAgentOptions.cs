using System;
using System.Threading;

namespace SpanMarshal.Testing;

/// <summary>
/// What a <see cref="TestAgent"/> serves and how much a client may make it hold. The defaults
/// are those of a Datadog agent where it has one (the 25 MiB request limit, both trace endpoints).
/// </summary>
public sealed class TestAgentOptions
{
    /// <summary>The largest request body the agent reads, in bytes: 25 MiB, as the Datadog agent. A larger body is answered 413.</summary>
    public int MaxRequestBytes { get; init; } = 25 * 1024 * 1024;

    /// <summary>
    /// Whether the agent serves <c>/v0.5/traces</c> and lists it in <c>/info</c>; <see langword="true"/> by default.
    /// When <see langword="false"/>, the agent behaves as one without that endpoint: requests to it are answered
    /// <see cref="V05RefusalStatus"/> and recorded with that status, undecoded and without a validation error,
    /// so that a client's fallback to <c>/v0.4/traces</c> can be tested.
    /// </summary>
    public bool ServeV05Traces { get; init; } = true;

    /// <summary>
    /// The status answered to <c>/v0.5/traces</c> when <see cref="ServeV05Traces"/> is <see langword="false"/>:
    /// 404 by default (an agent that does not know the endpoint), or 415 (the other refusal tracers fall back on).
    /// </summary>
    public int V05RefusalStatus { get; init; } = 404;

    /// <summary>How many connections the agent serves at once (64 by default); one more is answered 503 and closed.</summary>
    public int MaxConnections { get; init; } = 64;

    /// <summary>
    /// How long a connection may wait for the first byte of a request, the first or the next on a kept-alive
    /// connection, before the agent closes it: 2 minutes by default, longer than HTTP clients keep idle connections.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long reading one request (from its first byte to the end of its body) and writing its answer may take,
    /// excluding a scripted stall: 30 seconds by default. A request still arriving then is answered 408 and closed.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRequestBytes, nameof(MaxRequestBytes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxConnections, nameof(MaxConnections));
        if (V05RefusalStatus is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(V05RefusalStatus), V05RefusalStatus, "a refusal is a 4xx or 5xx status");
        }

        RequirePositive(IdleTimeout, nameof(IdleTimeout));
        RequirePositive(RequestTimeout, nameof(RequestTimeout));
    }

    private static void RequirePositive(TimeSpan timeout, string name)
    {
        if (timeout != Timeout.InfiniteTimeSpan && (timeout <= TimeSpan.Zero || timeout.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(name, timeout, "a timeout is positive and at most int.MaxValue milliseconds, or Timeout.InfiniteTimeSpan");
        }
    }
}
