using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SpanMarshal.Testing.Http;

/// <summary>Writes complete HTTP/1.1 responses with a Content-Length, in one write.</summary>
internal static class HttpResponseWriter
{
    private static readonly byte[] Continue = Encoding.ASCII.GetBytes("HTTP/1.1 100 Continue\r\n\r\n");

    /// <param name="stream">The connection.</param>
    /// <param name="answer">What to answer.</param>
    /// <param name="headers">Further header lines, each ending with CRLF.</param>
    /// <param name="keepAlive">Whether the connection stays open.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task WriteAsync(Stream stream, HttpAnswer answer, string headers, bool keepAlive, CancellationToken cancellationToken)
    {
        string head = string.Create(
            CultureInfo.InvariantCulture,
            $"HTTP/1.1 {answer.Status} {Reason(answer.Status)}\r\nContent-Type: {answer.ContentType}\r\nContent-Length: {answer.Body.Length}\r\n{headers}Connection: {(keepAlive ? "keep-alive" : "close")}\r\n\r\n");
        byte[] response = new byte[Encoding.ASCII.GetByteCount(head) + answer.Body.Length];
        int headLength = Encoding.ASCII.GetBytes(head, response);
        answer.Body.CopyTo(response, headLength);
        await stream.WriteAsync(response, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static Task WriteContinueAsync(Stream stream, CancellationToken cancellationToken)
        => stream.WriteAsync(Continue, cancellationToken).AsTask();

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Status",
    };
}
