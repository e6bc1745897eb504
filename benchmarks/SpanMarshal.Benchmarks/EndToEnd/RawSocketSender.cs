using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Pipelines.Managed;

namespace SpanMarshal.Benchmarks.EndToEnd;

/// <summary>
/// The floor under the end-to-end figure: the same request bodies the exporter sends, posted over one
/// blocking socket with a fixed request head and the answer read by hand (no HttpClient, no retries,
/// no timeouts, no accounting). <see cref="Send"/> marshals and encodes each batch as the exporter
/// does (the pipeline's own <see cref="EncodedBatch"/>); <see cref="SendPreEncoded"/> resends bytes
/// encoded once, so it is what the loopback socket alone costs this process.
/// </summary>
internal sealed class RawSocketSender : IDisposable
{
    private readonly Socket _socket;
    private readonly TraceApiVersion _version;
    private readonly string _path;
    private readonly string _host;
    private readonly BatchMarshaller<WebSpan> _marshaller = TraceMarshallers.For<WebSpan>();
    private readonly byte[] _answer = new byte[4096];
    private readonly byte[] _pieceHeaders = new byte[BatchContent.MaxHeadersBytes];
    private byte[] _preEncoded = [];

    public RawSocketSender(Uri intake, TraceApiVersion version)
    {
        _version = version;
        _path = version == TraceApiVersion.V05 ? "/v0.5/traces" : "/v0.4/traces";
        _host = intake.Authority;
        _socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(new DnsEndPoint(intake.Host, intake.Port));
    }

    /// <summary>Marshals and encodes <paramref name="batch"/>, posts it and reads the answer.</summary>
    public void Send(List<IReadOnlyList<WebSpan>> batch)
    {
        using EncodedBatch encoded = Encode(batch);
        BatchSlice slice = encoded.Slice(0, int.MaxValue);
        int prefix = BatchContent.WriteTablePrefix(slice, _pieceHeaders);
        int header = BatchContent.WriteTracesHeader(slice, _pieceHeaders.AsSpan(prefix));
        _socket.Send(Head(BatchContent.Length(slice), slice.ChunkCount));
        _socket.Send(_pieceHeaders.AsSpan(0, prefix));
        _socket.Send(slice.StringTable.Span);
        _socket.Send(_pieceHeaders.AsSpan(prefix, header));
        _socket.Send(slice.Chunks.Span);
        ReadAnswer();
    }

    /// <summary>Posts the body of <paramref name="batch"/>, encoded on the first call only, and reads the answer.</summary>
    public void SendPreEncoded(List<IReadOnlyList<WebSpan>> batch)
    {
        if (_preEncoded.Length == 0)
        {
            using EncodedBatch encoded = Encode(batch);
            _preEncoded = EncodedBatch.ToArray(encoded.Slice(0, int.MaxValue));
        }

        _socket.Send(Head(_preEncoded.Length, batch.Count));
        _socket.Send(_preEncoded);
        ReadAnswer();
    }

    public void Dispose() => _socket.Dispose();

    private EncodedBatch Encode(List<IReadOnlyList<WebSpan>> batch)
    {
        EncodedBatch encoded = EncodedBatch.Create(_version, ManagedPipelineSettings.Default.MaxRequestBytes, BufferPools.Shared);
        if (encoded.Marshal(batch, 0, _marshaller) != batch.Count)
        {
            encoded.Dispose();
            throw new InvalidOperationException("The benchmark batch must fit in one request.");
        }

        return encoded;
    }

    // A string per request, as the floor's only allocation: small next to the body, and it keeps the head readable.
    private byte[] Head(long length, int traces) => Encoding.ASCII.GetBytes(string.Create(
        CultureInfo.InvariantCulture,
        $"POST {_path} HTTP/1.1\r\nHost: {_host}\r\nContent-Type: application/msgpack\r\nX-Datadog-Trace-Count: {traces}\r\nContent-Length: {length}\r\n\r\n"));

    // The intake's answers are small and carry a Content-Length: read until the head and that many bytes arrived.
    private void ReadAnswer()
    {
        int filled = 0;
        while (true)
        {
            int n = _socket.Receive(_answer, filled, _answer.Length - filled, SocketFlags.None);
            if (n == 0)
            {
                throw new InvalidOperationException("The intake closed the connection.");
            }

            filled += n;
            ReadOnlySpan<byte> received = _answer.AsSpan(0, filled);
            int headEnd = received.IndexOf("\r\n\r\n"u8);
            if (headEnd < 0)
            {
                continue;
            }

            if (!received.StartsWith("HTTP/1.1 200 "u8))
            {
                throw new InvalidOperationException("The intake did not accept a send: " + Encoding.ASCII.GetString(received));
            }

            ReadOnlySpan<byte> lengthHeader = "Content-Length: "u8;
            int at = received.IndexOf(lengthHeader) + lengthHeader.Length;
            int lineEnd = received[at..].IndexOf("\r\n"u8);
            int bodyLength = int.Parse(Encoding.ASCII.GetString(received.Slice(at, lineEnd)), CultureInfo.InvariantCulture);
            if (filled >= headEnd + 4 + bodyLength)
            {
                return;
            }
        }
    }
}
