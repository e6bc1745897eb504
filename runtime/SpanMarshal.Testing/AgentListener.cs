using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace SpanMarshal.Testing;

/// <summary>
/// Accepts connections and admits at most <see cref="TestAgentOptions.MaxConnections"/> of them;
/// one more is answered 503 and closed. Disposing stops accepting and waits for every connection,
/// which end promptly because every wait they make is cancelled by the same stop.
/// </summary>
internal sealed class AgentListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly TestAgent _agent;
    private readonly TestAgentOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private int _served;
    private int _refusing;

    public AgentListener(Socket socket, TestAgent agent, TestAgentOptions options)
    {
        _socket = socket;
        _agent = agent;
        _options = options;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        _socket.Dispose();
        Task[] connections;
        lock (_gate)
        {
            connections = [.. _connections];
        }

        // Neither the accept loop nor a connection lets an exception out.
        await Task.WhenAll([_acceptLoop, .. connections]).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        CancellationToken stopping = _stopping.Token;
        while (true)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            // Not started with the stop token: a connection task that never ran would leak its socket and its count.
            Task connection = Interlocked.Increment(ref _served) <= _options.MaxConnections
                ? Task.Run(() => ServeAsync(client, stopping), CancellationToken.None)
                : RefuseAsync(client, stopping);
            lock (_gate)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(connection);
            }
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken stopping)
    {
        try
        {
            await AgentConnection.ServeAsync(client, _agent, _options, stopping).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _served);
        }
    }

    // Refusals in progress are bounded too: past that, a connection is closed unanswered.
    private Task RefuseAsync(Socket client, CancellationToken stopping)
    {
        Interlocked.Decrement(ref _served);
        if (Interlocked.Increment(ref _refusing) > _options.MaxConnections)
        {
            Interlocked.Decrement(ref _refusing);
            client.Dispose();
            return Task.CompletedTask;
        }

        return Task.Run(async () =>
        {
            try
            {
                await AgentConnection.RefuseAsync(client, _agent, _options, 503, $"the agent already serves {_options.MaxConnections} connections (TestAgentOptions.MaxConnections)", stopping).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _refusing);
            }
        }, CancellationToken.None);
    }
}
