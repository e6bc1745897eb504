using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>A bare TCP connection to an agent, for requests no HTTP client would send.</summary>
public sealed class RawConnection : IDisposable
{
    private readonly Socket _socket;

    private RawConnection(Socket socket) => _socket = socket;

    public static async Task<RawConnection> OpenAsync(Uri url)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, url.Port));
            return new RawConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _socket.Dispose();

    public async Task SendAsync(ReadOnlyMemory<byte> bytes) => await _socket.SendAsync(bytes, SocketFlags.None);

    public Task SendAsync(string text) => SendAsync(Encoding.Latin1.GetBytes(text));

    /// <summary>Tells the agent nothing more will come (a half close).</summary>
    public void EndSending() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Everything the agent sends until it closes the connection.</summary>
    /// <exception cref="TimeoutException">The agent did not close within <paramref name="timeout"/>.</exception>
    public async Task<string> ReadToEndAsync(TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        byte[] buffer = new byte[4096];
        try
        {
            while (true)
            {
                int read = await _socket.ReceiveAsync(buffer, SocketFlags.None, timer.Token);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the agent did not close the connection within {timeout}; received so far: {Encoding.Latin1.GetString(received.ToArray())}");
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            // A reset after the answer still ends the connection; what arrived before it counts.
        }

        return Encoding.Latin1.GetString(received.ToArray());
    }

    /// <summary>The status code of the response that starts <paramref name="response"/>, or null when it is not an HTTP response.</summary>
    public static int? Status(string response)
    {
        string[] parts = response.Split(' ', 3);
        return parts.Length >= 2 && parts[0] == "HTTP/1.1" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int status)
            ? status
            : null;
    }
}
