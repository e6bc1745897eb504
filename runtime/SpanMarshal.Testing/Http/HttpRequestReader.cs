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
/// Content-Length or chunked transfer encoding. Just enough HTTP for a test intake, and bounded:
/// the head (request line and headers) holds at most 64 KiB and 100 headers, a body at most the
/// agent's request limit, and buffers grow only with what actually arrived.
/// </summary>
internal sealed class HttpRequestReader
{
    public const int MaxHeadBytes = 64 * 1024;
    public const int MaxHeaderCount = 100;
    private const int MaxChunkSizeLineBytes = 256;
    private const string HeadTooLong = "the request head (request line and headers) is over 64 KiB";

    private readonly Stream _stream;
    private readonly int _maxBodyBytes;
    private byte[] _buffer = new byte[4 * 1024];
    private int _start;
    private int _end;

    // Bytes after _start already searched for a line feed: a request trickling in byte by byte is scanned once, not once per byte.
    private int _scanned;

    public HttpRequestReader(Stream stream, int maxBodyBytes)
    {
        _stream = stream;
        _maxBodyBytes = maxBodyBytes;
    }

    /// <summary>True once a byte of the next request is here; false when the client closed the connection first.</summary>
    public async ValueTask<bool> WaitForRequestAsync(CancellationToken cancellationToken)
        => _end > _start || await FillAsync(cancellationToken).ConfigureAwait(false) > 0;

    /// <exception cref="BadRequestException">The head is malformed or over its limits.</exception>
    public async Task<HttpRequestHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        (string requestLine, int consumed) = await ReadLineAsync(MaxHeadBytes, 431, HeadTooLong, "the request line", cancellationToken).ConfigureAwait(false);
        string[] parts = requestLine.Split(' ');
        if (parts.Length != 3 || !IsToken(parts[0]) || !parts[1].StartsWith('/') || !parts[2].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            throw new BadRequestException(400, $"bad request line '{Shorten(requestLine)}'");
        }

        bool http11 = parts[2] == "HTTP/1.1";
        if (!http11 && parts[2] != "HTTP/1.0")
        {
            throw new BadRequestException(505, $"{Shorten(parts[2])} is not HTTP/1.1 or HTTP/1.0");
        }

        Dictionary<string, string> headers = await ReadFieldsAsync(MaxHeadBytes - consumed, cancellationToken).ConfigureAwait(false);
        string connection = headers.GetValueOrDefault("Connection", "");
        bool keepAlive = http11
            ? !connection.Contains("close", StringComparison.OrdinalIgnoreCase)
            : connection.Contains("keep-alive", StringComparison.OrdinalIgnoreCase);
        int query = parts[1].IndexOf('?', StringComparison.Ordinal);
        return new HttpRequestHead(parts[0], query < 0 ? parts[1] : parts[1][..query], headers, keepAlive);
    }

    /// <summary>Reads the body <paramref name="head"/> announces; sends 100 Continue first when the client asked for it.</summary>
    /// <exception cref="BadRequestException">The framing is malformed, the body is over the limit, or the connection ended inside it.</exception>
    public async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequestHead head, Func<Task> sendContinue, CancellationToken cancellationToken)
    {
        bool chunked = head.Headers.TryGetValue("Transfer-Encoding", out string? encoding);
        if (chunked && !encoding!.Equals("chunked", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadRequestException(501, $"Transfer-Encoding '{Shorten(encoding)}' is not supported; only 'chunked' is");
        }

        long length = 0;
        if (head.Headers.TryGetValue("Content-Length", out string? lengthText))
        {
            if (chunked)
            {
                throw new BadRequestException(400, "the request has both Content-Length and Transfer-Encoding");
            }

            if (!long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out length))
            {
                throw new BadRequestException(400, $"bad Content-Length '{Shorten(lengthText)}'");
            }

            if (length > _maxBodyBytes)
            {
                throw new BadRequestException(413, $"Content-Length {length} is over the agent's limit of {_maxBodyBytes} bytes");
            }
        }

        if (!chunked && length == 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (head.Headers.TryGetValue("Expect", out string? expect) && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
        {
            await sendContinue().ConfigureAwait(false);
        }

        if (chunked)
        {
            return await ReadChunkedAsync(cancellationToken).ConfigureAwait(false);
        }

        var body = new BodyBuffer((int)length);
        await ReadIntoAsync(body, (int)length, cancellationToken).ConfigureAwait(false);
        return body.Written;
    }

    private async Task<Dictionary<string, string>> ReadFieldsAsync(int budget, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            (string line, int consumed) = await ReadLineAsync(budget, 431, HeadTooLong, "the request head", cancellationToken).ConfigureAwait(false);
            budget -= consumed;
            if (line.Length == 0)
            {
                return fields;
            }

            if (fields.Count == MaxHeaderCount)
            {
                throw new BadRequestException(431, $"the request has more than {MaxHeaderCount} headers");
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !IsToken(line[..colon]))
            {
                throw new BadRequestException(400, $"bad header line '{Shorten(line)}'");
            }

            string name = line[..colon];
            string value = line[(colon + 1)..].Trim(' ', '\t');
            fields[name] = fields.TryGetValue(name, out string? earlier) ? earlier + ", " + value : value;
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        var body = new BodyBuffer(_maxBodyBytes);
        while (true)
        {
            (string sizeLine, _) = await ReadLineAsync(MaxChunkSizeLineBytes, 400, "a chunk-size line is over 256 bytes", "a chunk-size line", cancellationToken).ConfigureAwait(false);
            int semicolon = sizeLine.IndexOf(';', StringComparison.Ordinal);
            string hex = (semicolon < 0 ? sizeLine : sizeLine[..semicolon]).Trim(' ', '\t');
            if (hex.Length is 0 or > 8 || !long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long size))
            {
                throw new BadRequestException(400, $"bad chunk size '{Shorten(sizeLine)}'");
            }

            if (size == 0)
            {
                // Trailers (read and dropped) up to the empty line, bounded like headers.
                await ReadFieldsAsync(MaxHeadBytes, cancellationToken).ConfigureAwait(false);
                return body.Written;
            }

            if (body.Length + size > _maxBodyBytes)
            {
                throw new BadRequestException(413, $"the chunked body is over the agent's limit of {_maxBodyBytes} bytes");
            }

            await ReadIntoAsync(body, (int)size, cancellationToken).ConfigureAwait(false);
            (string end, _) = await ReadLineAsync(2, 400, "a chunk does not end with CRLF", "a chunk", cancellationToken).ConfigureAwait(false);
            if (end.Length != 0)
            {
                throw new BadRequestException(400, "a chunk does not end with CRLF");
            }
        }
    }

    private async Task ReadIntoAsync(BodyBuffer body, int count, CancellationToken cancellationToken)
    {
        int end = body.Length + count;
        while (body.Length < end)
        {
            Memory<byte> free = body.Free(end - body.Length);
            int taken = Math.Min(_end - _start, free.Length);
            if (taken > 0)
            {
                _buffer.AsMemory(_start, taken).CopyTo(free);
                Consume(taken);
            }
            else
            {
                taken = await _stream.ReadAsync(free, cancellationToken).ConfigureAwait(false);
                if (taken == 0)
                {
                    throw new BadRequestException(400, $"the connection ended inside the body, {end - body.Length} bytes short");
                }
            }

            body.Advance(taken);
        }
    }

    // A line without its CRLF (a bare LF is accepted), and the bytes it took. Lines are Latin-1, as HTTP/1.1 fields are octets.
    private async Task<(string Line, int Consumed)> ReadLineAsync(int maxBytes, int tooLongStatus, string tooLong, string what, CancellationToken cancellationToken)
    {
        while (true)
        {
            int feed = _buffer.AsSpan(_start + _scanned, _end - _start - _scanned).IndexOf((byte)'\n');
            if (feed >= 0)
            {
                int length = _scanned + feed;
                if (length + 1 > maxBytes)
                {
                    throw new BadRequestException(tooLongStatus, tooLong);
                }

                int text = length > 0 && _buffer[_start + length - 1] == '\r' ? length - 1 : length;
                string line = Encoding.Latin1.GetString(_buffer, _start, text);
                Consume(length + 1);
                return (line, length + 1);
            }

            _scanned = _end - _start;
            if (_scanned >= maxBytes)
            {
                throw new BadRequestException(tooLongStatus, tooLong);
            }

            if (await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new BadRequestException(400, $"the connection ended inside {what}");
            }
        }
    }

    private void Consume(int count)
    {
        _start += count;
        _scanned = 0;
    }

    // Reads more bytes after those buffered, making room first: compacting, else doubling up to the head limit.
    private async ValueTask<int> FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            }
            else
            {
                Array.Resize(ref _buffer, Math.Min(2 * _buffer.Length, MaxHeadBytes));
            }

            _end -= _start;
            _start = 0;
        }

        int read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read;
    }

    private static bool IsToken(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !"!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return text.Length != 0;
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
