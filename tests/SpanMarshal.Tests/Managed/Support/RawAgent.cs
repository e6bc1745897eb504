using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>How a <see cref="RawAgent"/> behaves on a connection.</summary>
public enum RawAgentBehaviour
{
    /// <summary>Reads the body at <see cref="RawAgent.BytesPerSecond"/>, then answers 200 <c>{}</c>.</summary>
    ThrottledRead,

    /// <summary>Reads the body, sends a 200's status line and headers (Content-Length: 100), then never sends the body.</summary>
    StallAfterHeaders,
}

/// <summary>
/// An HTTP/1.1 listener on loopback for transport faults the <see cref="SpanMarshal.Testing.TestAgent"/>
/// cannot stage: a reader that takes the body at a fixed rate (a slow but healthy agent) and an agent
/// that stalls after its headers. Its receive buffer is small, so the sender's writes wait for it.
/// </summary>
public sealed class RawAgent : IAsyncDisposable
{
    private const int ReadSize = 64 * 1024;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private int _requestsStarted;
    private int _bodiesReceived;

    public RawAgent(RawAgentBehaviour behaviour, int bytesPerSecond = int.MaxValue)
    {
        Behaviour = behaviour;
        BytesPerSecond = bytesPerSecond;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public RawAgentBehaviour Behaviour { get; }

    public int BytesPerSecond { get; }

    public Uri Url { get; }

    /// <summary>Trace requests whose headers arrived (<c>/info</c> is answered 404 and not counted).</summary>
    public int RequestsStarted => Volatile.Read(ref _requestsStarted);

    /// <summary>Requests whose whole body arrived.</summary>
    public int BodiesReceived => Volatile.Read(ref _bodiesReceived);

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _listener.Stop();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket = await _listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            socket.ReceiveBufferSize = ReadSize;
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                while (await ServeOneAsync(socket).ConfigureAwait(false))
                {
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task<bool> ServeOneAsync(Socket socket)
    {
        CancellationToken stopping = _stopping.Token;
        byte[] buffer = new byte[ReadSize];
        int filled = 0;
        int headerEnd;
        while ((headerEnd = HeaderEnd(buffer.AsSpan(0, filled))) < 0)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(filled), stopping).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }

            filled += n;
        }

        if (buffer.AsSpan(0, headerEnd).StartsWith("GET /info "u8))
        {
            // An agent too old to describe itself: the exporter's question about v0.5 is no trace request.
            await socket.SendAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), stopping).ConfigureAwait(false);
            return true;
        }

        Interlocked.Increment(ref _requestsStarted);
        long length = ContentLength(Encoding.ASCII.GetString(buffer, 0, headerEnd));
        long received = filled - headerEnd;
        long started = Environment.TickCount64;
        while (received < length)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - received)), stopping).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }

            received += n;
            long due = started + (received * 1000 / BytesPerSecond);
            long wait = due - Environment.TickCount64;
            if (wait > 0)
            {
                await Task.Delay((int)wait, stopping).ConfigureAwait(false);
            }
        }

        Interlocked.Increment(ref _bodiesReceived);
        if (Behaviour == RawAgentBehaviour.StallAfterHeaders)
        {
            await socket.SendAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"u8.ToArray(), stopping).ConfigureAwait(false);
            await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(false);
        }

        await socket.SendAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"u8.ToArray(), stopping).ConfigureAwait(false);
        return true;
    }

    private static int HeaderEnd(ReadOnlySpan<byte> bytes)
    {
        int at = bytes.IndexOf("\r\n\r\n"u8);
        return at < 0 ? -1 : at + 4;
    }

    private static long ContentLength(string headers)
    {
        foreach (string line in headers.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return long.Parse(line.AsSpan("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
