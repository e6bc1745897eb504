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

    public AgentConnection(Socket socket, TestAgent agent, TestAgentOptions options)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _agent = agent;
        _options = options;
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>Serves requests until the client closes, a request cannot be read, a timeout expires or the agent stops.</summary>
    public async Task ServeAsync(CancellationToken stopping)
    {
        try
        {
            await ServeRequestsAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (EndsConnection(ex))
        {
            // The client went away, an idle connection timed out, or the agent is stopping.
        }
#pragma warning disable CA1031 // A defect of the agent is recorded where tests look (ValidationErrors), never thrown into Dispose.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await AnswerAndCloseAsync(null, 500, "the test agent failed: " + ex, stopping).ConfigureAwait(false);
        }
    }

    /// <summary>Answers <paramref name="status"/> without reading a request, then closes.</summary>
    public Task RefuseAsync(int status, string reason, CancellationToken stopping) => AnswerAndCloseAsync(null, status, reason, stopping);

    private static bool EndsConnection(Exception ex) => ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException;

    private static CancellationTokenSource Deadline(TimeSpan timeout, CancellationToken stopping)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(timeout);
        return deadline;
    }

    private async Task ServeRequestsAsync(CancellationToken stopping)
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
        try
        {
            using (CancellationTokenSource writing = Deadline(_options.RequestTimeout, stopping))
            {
                await HttpResponseWriter.WriteAsync(_stream, HttpAnswer.Text(status, reason), _agent.ResponseHeaders, keepAlive: false, writing.Token).ConfigureAwait(false);
            }

            await LingerAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (EndsConnection(ex))
        {
            // The client is gone; the refusal is recorded.
        }
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
