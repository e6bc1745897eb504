using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SpanMarshal.Testing.Http;

/// <summary>
/// Reads HTTP/1.1 requests from one connection: request line, headers, and a body framed by
/// Content-Length or chunked transfer encoding. Just enough HTTP for a test intake.
/// </summary>
internal sealed class HttpRequestReader
{
    private const int MaxLineBytes = 16 * 1024;
    private const int MaxBodyBytes = 256 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    public HttpRequestReader(Stream stream) => _stream = stream;

    /// <summary>The next request, or null when the client closed the connection between requests.</summary>
    public async Task<HttpRequest?> ReadAsync(Func<Task> onExpectContinue, CancellationToken cancellationToken)
    {
        string? requestLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (requestLine is null)
        {
            return null;
        }

        string[] parts = requestLine.Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            throw new InvalidDataException("bad request line: " + requestLine);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            string line = await ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new EndOfStreamException();
            if (line.Length == 0)
            {
                break;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException("bad header line: " + line);
            }

            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        if (headers.TryGetValue("Expect", out string? expect) && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
        {
            await onExpectContinue().ConfigureAwait(false);
        }

        byte[] body = headers.TryGetValue("Transfer-Encoding", out string? encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase)
            ? await ReadChunkedAsync(cancellationToken).ConfigureAwait(false)
            : await ReadExactAsync(ContentLength(headers), cancellationToken).ConfigureAwait(false);

        bool keepAlive = !(headers.TryGetValue("Connection", out string? connection) && connection.Equals("close", StringComparison.OrdinalIgnoreCase));
        return new HttpRequest(parts[0], parts[1], headers, body, keepAlive);
    }

    private static int ContentLength(Dictionary<string, string> headers)
    {
        if (!headers.TryGetValue("Content-Length", out string? value))
        {
            return 0;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int length) || length > MaxBodyBytes)
        {
            throw new InvalidDataException("bad Content-Length: " + value);
        }

        return length;
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            string sizeLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new EndOfStreamException();
            int semicolon = sizeLine.IndexOf(';', StringComparison.Ordinal);
            string hex = semicolon < 0 ? sizeLine : sizeLine[..semicolon];
            if (!int.TryParse(hex.Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int size) || size < 0 || body.Length + size > MaxBodyBytes)
            {
                throw new InvalidDataException("bad chunk size: " + sizeLine);
            }

            if (size == 0)
            {
                // Trailers, up to the empty line.
                while (!string.IsNullOrEmpty(await ReadLineAsync(cancellationToken).ConfigureAwait(false)))
                {
                }

                return body.ToArray();
            }

            byte[] chunk = await ReadExactAsync(size, cancellationToken).ConfigureAwait(false);
            body.Write(chunk);
            if ((await ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Length != 0)
            {
                throw new InvalidDataException("a chunk does not end with CRLF");
            }
        }
    }

    private async Task<byte[]> ReadExactAsync(int count, CancellationToken cancellationToken)
    {
        byte[] result = new byte[count];
        int copied = Math.Min(count, _end - _start);
        _buffer.AsSpan(_start, copied).CopyTo(result);
        _start += copied;
        while (copied < count)
        {
            int read = await _stream.ReadAsync(result.AsMemory(copied), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EndOfStreamException("the client closed the connection inside a body");
            }

            copied += read;
        }

        return result;
    }

    // Null at a clean end of stream before any byte of the line.
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            int take = newline < 0 ? _end - _start : newline;
            line.Append(Encoding.Latin1.GetString(_buffer, _start, take));
            if (newline >= 0)
            {
                _start += newline + 1;
                return line.ToString().TrimEnd('\r');
            }

            _start = _end = 0;
            if (line.Length > MaxLineBytes)
            {
                throw new InvalidDataException("a header line is too long");
            }

            int read = await _stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return line.Length == 0 ? null : throw new EndOfStreamException();
            }

            _end = read;
        }
    }
}
