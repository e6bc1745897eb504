using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>
/// An HTTP/1.1 listener on loopback for transport faults the <see cref="SpanMarshal.Testing.TestAgent"/>
/// cannot stage: a reader that takes the body at a fixed rate (a slow but healthy agent), stalls,
/// resets in the middle of the request or the answer, answers that are not HTTP, and bodies of any
/// size streamed without being held. Each request gets the next <see cref="RawReply"/> of its script;
/// the last one repeats. Its receive buffer is small, so the sender's writes wait for it.
/// </summary>
public sealed class RawAgent : IAsyncDisposable
{
    private const int ReadSize = 64 * 1024;
    private static readonly byte[] Filler = CreateFiller();
    private static readonly byte[] LineEnd = "\r\n"u8.ToArray();
    private static readonly byte[] LastChunk = "0\r\n\r\n"u8.ToArray();
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private readonly ConcurrentQueue<RawReply> _script;
    private readonly RawReply _last;
    private int _requestsStarted;
    private int _bodiesReceived;
    private long _bodyBytesSent;
    private int _acceptedTraces;

    /// <param name="script">The replies, in order; the last one answers every later request (<see cref="RawReply.Ok"/> when none).</param>
    public RawAgent(params RawReply[] script)
    {
        _script = new ConcurrentQueue<RawReply>(script);
        _last = script.Length == 0 ? RawReply.Ok : script[^1];
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>Trace requests whose headers arrived (<c>/info</c> is answered 404 and not counted).</summary>
    public int RequestsStarted => Volatile.Read(ref _requestsStarted);

    /// <summary>Requests whose whole body arrived.</summary>
    public int BodiesReceived => Volatile.Read(ref _bodiesReceived);

    /// <summary>Bytes of answer bodies the agent managed to send (a client that stops reading stops it).</summary>
    public long BodyBytesSent => Interlocked.Read(ref _bodyBytesSent);

    /// <summary>The X-Datadog-Trace-Count of every request the agent answered with a 2xx status line: the traces it took.</summary>
    public int AcceptedTraces => Volatile.Read(ref _acceptedTraces);

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

    private static byte[] CreateFiller()
    {
        byte[] filler = new byte[ReadSize];
        filler.AsSpan().Fill((byte)' ');
        return filler;
    }

    private static int HeaderEnd(ReadOnlySpan<byte> bytes)
    {
        int at = bytes.IndexOf("\r\n\r\n"u8);
        return at < 0 ? -1 : at + 4;
    }

    private static long Header(string headers, string name)
    {
        foreach (string line in headers.Split("\r\n"))
        {
            if (line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            {
                return long.Parse(line.AsSpan(name.Length + 1).Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static void Reset(Socket socket)
    {
        // Linger with a zero timeout: closing sends RST instead of FIN.
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    private static byte[] StatusLine(int status, string headers) => Encoding.ASCII.GetBytes($"HTTP/1.1 {status.ToString(CultureInfo.InvariantCulture)} X\r\nContent-Type: application/json\r\n{headers}\r\n");

    private RawReply Next() => _script.TryDequeue(out RawReply? reply) ? reply : _last;

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
        RawReply reply = Next();
        string headers = Encoding.ASCII.GetString(buffer, 0, headerEnd);
        long length = Header(headers, "Content-Length");
        int traces = (int)Header(headers, "X-Datadog-Trace-Count");
        long toRead = reply.Fault == RawFault.ResetDuringRequest ? length / 2 : length;
        long received = filled - headerEnd;
        long started = Environment.TickCount64;
        while (received < toRead)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, toRead - received)), stopping).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }

            received += n;
            long wait = started + (received * 1000 / reply.BytesPerSecond) - Environment.TickCount64;
            if (wait > 0)
            {
                await Task.Delay((int)wait, stopping).ConfigureAwait(false);
            }
        }

        if (reply.Fault == RawFault.ResetDuringRequest)
        {
            Reset(socket);
            return false;
        }

        Interlocked.Increment(ref _bodiesReceived);
        if (reply.Status is >= 200 and < 300 && reply.Fault is RawFault.Answer or RawFault.StallAfterHeaders or RawFault.ResetDuringResponse or RawFault.HugeBody or RawFault.HugeChunkedBody)
        {
            Interlocked.Add(ref _acceptedTraces, traces);
        }

        switch (reply.Fault)
        {
            case RawFault.StallAfterHeaders:
                await socket.SendAsync(StatusLine(reply.Status, "Content-Length: 100\r\n"), stopping).ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(false);
                return false;
            case RawFault.StallBeforeAnswer:
                await Task.Delay(Timeout.Infinite, stopping).ConfigureAwait(false);
                return false;
            case RawFault.ResetDuringResponse:
                await socket.SendAsync(StatusLine(reply.Status, "Content-Length: 100\r\n"), stopping).ConfigureAwait(false);
                await socket.SendAsync(Filler.AsMemory(0, 10), stopping).ConfigureAwait(false);
                Reset(socket);
                return false;
            case RawFault.CloseWithoutAnswer:
                return false;
            case RawFault.NotHttp:
                await socket.SendAsync("SPDY/9 what\r\n\r\n"u8.ToArray(), stopping).ConfigureAwait(false);
                return false;
            case RawFault.HugeBody:
                await socket.SendAsync(StatusLine(reply.Status, $"Content-Length: {reply.HugeBodyBytes.ToString(CultureInfo.InvariantCulture)}\r\n"), stopping).ConfigureAwait(false);
                await StreamBodyAsync(socket, reply.HugeBodyBytes, chunked: false, stopping).ConfigureAwait(false);
                return true;
            case RawFault.HugeChunkedBody:
                await socket.SendAsync(StatusLine(reply.Status, "Transfer-Encoding: chunked\r\n"), stopping).ConfigureAwait(false);
                await StreamBodyAsync(socket, reply.HugeBodyBytes, chunked: true, stopping).ConfigureAwait(false);
                return true;
            default:
                byte[] body = Encoding.UTF8.GetBytes(reply.Body);
                await socket.SendAsync(StatusLine(reply.Status, $"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\n"), stopping).ConfigureAwait(false);
                await socket.SendAsync(body, stopping).ConfigureAwait(false);
                return true;
        }
    }

    private async Task StreamBodyAsync(Socket socket, long length, bool chunked, CancellationToken stopping)
    {
        byte[] chunkHeader = Encoding.ASCII.GetBytes(Filler.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n");
        for (long sent = 0; sent < length;)
        {
            int piece = (int)Math.Min(Filler.Length, length - sent);
            if (chunked)
            {
                await socket.SendAsync(piece == Filler.Length ? chunkHeader : Encoding.ASCII.GetBytes(piece.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), stopping).ConfigureAwait(false);
            }

            await socket.SendAsync(Filler.AsMemory(0, piece), stopping).ConfigureAwait(false);
            if (chunked)
            {
                await socket.SendAsync(LineEnd, stopping).ConfigureAwait(false);
            }

            sent += piece;
            Interlocked.Add(ref _bodyBytesSent, piece);
        }

        if (chunked)
        {
            await socket.SendAsync(LastChunk, stopping).ConfigureAwait(false);
        }
    }
}
