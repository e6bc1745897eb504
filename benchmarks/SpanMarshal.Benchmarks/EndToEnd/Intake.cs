using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace SpanMarshal.Benchmarks.EndToEnd;

/// <summary>
/// <c>--intake</c>: the smallest agent intake the end-to-end benchmark can send to, run in its own
/// process so that its work is not the client's. It answers <c>/info</c> listing both trace endpoints,
/// reads each request's whole body and answers 200 with an empty rate table. It prints its port, then
/// serves until its standard input closes.
/// </summary>
internal static class Intake
{
    private static readonly byte[] Info = Answer("{\"version\":\"7.70.0\",\"endpoints\":[\"/v0.4/traces\",\"/v0.5/traces\"]}");
    private static readonly byte[] Accepted = Answer("{\"rate_by_service\":{\"service:,env:\":1}}");

    public static void Run()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Console.WriteLine(((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();
        new Thread(() => Accept(listener)) { IsBackground = true }.Start();
        Console.In.ReadToEnd();
    }

    private static void Accept(TcpListener listener)
    {
        while (true)
        {
            Socket socket = listener.AcceptSocket();
            new Thread(() => Serve(socket)) { IsBackground = true }.Start();
        }
    }

    private static void Serve(Socket socket)
    {
        using (socket)
        {
            byte[] buffer = new byte[256 * 1024];
            int filled = 0;
            try
            {
                while (true)
                {
                    int headerEnd;
                    while ((headerEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                    {
                        int n = socket.Receive(buffer, filled, buffer.Length - filled, SocketFlags.None);
                        if (n == 0)
                        {
                            return;
                        }

                        filled += n;
                    }

                    string head = Encoding.ASCII.GetString(buffer, 0, headerEnd);
                    long remaining = ContentLength(head) - (filled - headerEnd - 4);
                    filled = 0;
                    while (remaining > 0)
                    {
                        int n = socket.Receive(buffer, 0, (int)Math.Min(buffer.Length, remaining), SocketFlags.None);
                        if (n == 0)
                        {
                            return;
                        }

                        remaining -= n;
                    }

                    socket.Send(head.StartsWith("GET /info ", StringComparison.Ordinal) ? Info : Accepted);
                }
            }
            catch (SocketException)
            {
            }
        }
    }

    private static long ContentLength(string head)
    {
        foreach (string line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return long.Parse(line.AsSpan(15).Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static byte[] Answer(string json)
        => Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {json.Length}\r\n\r\n{json}");
}
