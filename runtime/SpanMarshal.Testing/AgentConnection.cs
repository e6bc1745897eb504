using System;
using System.Buffers;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SpanMarshal.Testing.Http;

namespace SpanMarshal.Testing;

/// <summary>
/// Serves one connection: reads requests within the agent's limits and timeouts, has the agent
/// answer them, and itself answers what it cannot read (400, 408, 413, 431, 501, 505) before
/// closing. Nothing a client sends escapes it as an exception.
/// </summary>
internal sealed class AgentConnection : IDisposable
{
    // After a final answer the agent reads and drops what the client still sends for this long:
    // closing on unread bytes resets the connection, which can destroy the answer before the client reads it.
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(1);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly TestAgent _agent;
    private readonly TestAgentOptions _options;

    private AgentConnection(Socket socket, TestAgent agent, TestAgentOptions options)
    {
        _socket = socket;
        try
        {
            _stream = new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _agent = agent;
        _options = options;
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>Serves requests on <paramref name="socket"/> until the client closes, a request cannot be read, a timeout expires or the agent stops.</summary>
    public static async Task ServeAsync(Socket socket, TestAgent agent, TestAgentOptions options, CancellationToken stopping)
    {
        try
        {
            using var connection = new AgentConnection(socket, agent, options);
            await connection.ServeRequestsAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (EndsConnection(ex))
        {
            // The client went away, an idle connection timed out, or the agent is stopping.
        }
    }

    /// <summary>Answers <paramref name="status"/> on <paramref name="socket"/> without reading a request, then closes.</summary>
    public static async Task RefuseAsync(Socket socket, TestAgent agent, TestAgentOptions options, int status, string reason, CancellationToken stopping)
    {
        try
        {
            using var connection = new AgentConnection(socket, agent, options);
            await connection.AnswerAndCloseAsync(null, status, reason, stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (EndsConnection(ex))
        {
            // The client went away before the answer; the refusal is recorded.
        }
    }

    private static bool EndsConnection(Exception ex) => ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException;

    private static CancellationTokenSource Deadline(TimeSpan timeout, CancellationToken stopping)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(timeout);
        return deadline;
    }

    private async Task ServeRequestsAsync(CancellationToken stopping)
    {
        try
        {
            await ServeEachRequestAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (!EndsConnection(ex))
        {
            // A defect of the agent: answered 500 and recorded where tests look (ValidationErrors), never thrown into Dispose.
            await AnswerAndCloseAsync(null, 500, "the test agent failed: " + ex, stopping).ConfigureAwait(false);
        }
    }

    private async Task ServeEachRequestAsync(CancellationToken stopping)
    {
        var reader = new HttpRequestReader(_stream, _options.MaxRequestBytes);
        while (true)
        {
            using (CancellationTokenSource idle = Deadline(_options.IdleTimeout, stopping))
            {
                if (!await reader.WaitForRequestAsync(idle.Token).ConfigureAwait(false))
                {
                    return;
                }
            }

            HttpRequestHead? head = null;
            HttpRequest request;
            using (CancellationTokenSource reading = Deadline(_options.RequestTimeout, stopping))
            {
                try
                {
                    head = await reader.ReadHeadAsync(reading.Token).ConfigureAwait(false);
                    ReadOnlyMemory<byte> body = await reader.ReadBodyAsync(head, () => HttpResponseWriter.WriteContinueAsync(_stream, reading.Token), reading.Token).ConfigureAwait(false);
                    request = head.WithBody(body);
                }
                catch (BadRequestException ex)
                {
                    await AnswerAndCloseAsync(head, ex.Status, ex.Message, stopping).ConfigureAwait(false);
                    return;
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    await AnswerAndCloseAsync(head, 408, $"the request did not arrive within {_options.RequestTimeout} (TestAgentOptions.RequestTimeout)", stopping).ConfigureAwait(false);
                    return;
                }
            }

            // Records the request; a scripted stall happens here, outside the request's time.
            HttpAnswer? answer = await _agent.AnswerAsync(request, stopping).ConfigureAwait(false);
            if (answer is null)
            {
                return;
            }

            using (CancellationTokenSource writing = Deadline(_options.RequestTimeout, stopping))
            {
                await HttpResponseWriter.WriteAsync(_stream, answer, _agent.ResponseHeaders, request.KeepAlive, writing.Token).ConfigureAwait(false);
            }

            if (!request.KeepAlive)
            {
                await LingerAsync(stopping).ConfigureAwait(false);
                return;
            }
        }
    }

    private async Task AnswerAndCloseAsync(HttpRequestHead? head, int status, string reason, CancellationToken stopping)
    {
        _agent.RecordRefusal(head, status, reason);
        using (CancellationTokenSource writing = Deadline(_options.RequestTimeout, stopping))
        {
            await HttpResponseWriter.WriteAsync(_stream, HttpAnswer.Text(status, reason), _agent.ResponseHeaders, keepAlive: false, writing.Token).ConfigureAwait(false);
        }

        await LingerAsync(stopping).ConfigureAwait(false);
    }

    private async Task LingerAsync(CancellationToken stopping)
    {
        _socket.Shutdown(SocketShutdown.Send);
        byte[] drain = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            using CancellationTokenSource linger = Deadline(Linger, stopping);
            while (await _stream.ReadAsync(drain, linger.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
            // Lingered long enough.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(drain);
        }
    }
}
