using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Diagnostics;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// Which intake version the managed pipeline's next batch is encoded for. Pinned by
/// <see cref="TraceExporterOptions.ApiVersion"/>, or (<see cref="TraceApiVersion.Auto"/>) v0.5 when the
/// agent's <c>/info</c> lists <c>/v0.5/traces</c>: asked in the background when the pipeline is
/// created and again when the answer is older than <see cref="RefreshAfter"/>, v0.4 until it answers
/// and whenever it cannot be asked. An agent that refuses v0.5 (404 or 415) gets v0.4 from then on,
/// as dd-trace-rb does, whatever <c>/info</c> or the option said.
/// </summary>
internal sealed class TraceApiChoice : IDisposable
{
    /// <summary>How long an <c>/info</c> answer is trusted (the agent may be upgraded or replaced behind the same address).</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(5);

    private readonly TraceApiVersion _pinned;
    private readonly Func<CancellationToken, Task<bool>> _listsV05;
    private readonly TimeSpan _probeTimeout;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposing = new();
    private volatile bool _agentListsV05;
    private volatile bool _refused;
    private long _answeredAt;
    private Task? _probe;

    /// <param name="pinned">The option: a version, or <see cref="TraceApiVersion.Auto"/> to ask the agent.</param>
    /// <param name="listsV05">Asks the agent's <c>/info</c> whether it lists <c>/v0.5/traces</c>.</param>
    /// <param name="probeTimeout">The longest one question may take.</param>
    /// <param name="logger">Where the choice is logged.</param>
    public TraceApiChoice(TraceApiVersion pinned, Func<CancellationToken, Task<bool>> listsV05, TimeSpan probeTimeout, ILogger logger)
    {
        _pinned = pinned;
        _listsV05 = listsV05;
        _probeTimeout = probeTimeout;
        _logger = logger;
        if (pinned == TraceApiVersion.Auto)
        {
            StartProbe();
        }
    }

    /// <summary>The question in flight or last asked (null when the version is pinned); tests wait for it.</summary>
    internal Task? Probe => Volatile.Read(ref _probe);

    /// <summary>The version the next batch is encoded for.</summary>
    public TraceApiVersion Current
    {
        get
        {
            if (_refused || _pinned == TraceApiVersion.V04)
            {
                return TraceApiVersion.V04;
            }

            if (_pinned == TraceApiVersion.V05)
            {
                return TraceApiVersion.V05;
            }

            if (Stopwatch.GetElapsedTime(Volatile.Read(ref _answeredAt)) > RefreshAfter)
            {
                StartProbe();
            }

            return _agentListsV05 ? TraceApiVersion.V05 : TraceApiVersion.V04;
        }
    }

    /// <summary>The agent answered a v0.5 request 404 or 415: v0.4 from now on.</summary>
    public void Refused(int status)
    {
        if (!_refused)
        {
            _refused = true;
            Log.ManagedV05Refused(_logger, status);
        }
    }

    /// <summary>Stops a question in flight.</summary>
    public void Dispose()
    {
        _disposing.Cancel();
        _disposing.Dispose();
    }

    private void StartProbe()
    {
        Task? running = Volatile.Read(ref _probe);
        if (running is { IsCompleted: false })
        {
            return;
        }

        // Whoever wins starts it; the answer's time is set now so that a slow agent is not asked again by every batch.
        Volatile.Write(ref _answeredAt, Stopwatch.GetTimestamp());
        var probe = new Task<Task>(AskAsync);
        if (Interlocked.CompareExchange(ref _probe, probe.Unwrap(), running) == running)
        {
            probe.Start(TaskScheduler.Default);
        }
    }

    private async Task AskAsync()
    {
        bool lists = false;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_disposing.Token);
            timeout.CancelAfter(_probeTimeout);
            lists = await _listsV05(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // An agent that cannot say gets what every agent takes.
            Log.ManagedInfoUnavailable(_logger, ex.Message);
        }

        _agentListsV05 = lists;
        Volatile.Write(ref _answeredAt, Stopwatch.GetTimestamp());
    }
}
