using System.Text;

namespace SpanMarshal.Testing.Http;

/// <summary>An answer: status, content type and body.</summary>
internal sealed record HttpAnswer(int Status, string ContentType, byte[] Body)
{
    public static HttpAnswer Text(int status, string body) => new(status, "text/plain", Encoding.UTF8.GetBytes(body));

    public static HttpAnswer Json(int status, byte[] body) => new(status, "application/json", body);
}
