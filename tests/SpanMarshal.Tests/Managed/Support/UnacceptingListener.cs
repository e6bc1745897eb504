using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>A listener whose accept queue is full: the kernel drops further SYNs, so connecting to it hangs.</summary>
public sealed class UnacceptingListener : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly List<Socket> _fillers = [];

    private UnacceptingListener()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(0);
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}");
    }

    public Uri Url { get; }

    public static async Task<UnacceptingListener> StartAsync()
    {
        var listener = new UnacceptingListener();
        try
        {
            while (await listener.FillOneAsync())
            {
            }

            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _fillers.ForEach(s => s.Dispose());
        _listener.Dispose();
    }

    private async Task<bool> FillOneAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _fillers.Add(socket);
        Task connecting = socket.ConnectAsync(_listener.LocalEndPoint!);
        return await Task.WhenAny(connecting, Task.Delay(200)) == connecting && _fillers.Count < 64;
    }
}
