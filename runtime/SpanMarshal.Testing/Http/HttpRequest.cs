using System;
using System.Collections.Generic;

namespace SpanMarshal.Testing.Http;

/// <summary>The request line and headers of a request, as read off the wire.</summary>
/// <param name="Method">The method.</param>
/// <param name="Path">The request target without its query.</param>
/// <param name="Headers">The headers; a repeated header's values joined with ", ".</param>
/// <param name="KeepAlive">Whether the connection stays open after the answer.</param>
internal sealed record HttpRequestHead(string Method, string Path, IReadOnlyDictionary<string, string> Headers, bool KeepAlive)
{
    public HttpRequest WithBody(ReadOnlyMemory<byte> body) => new(Method, Path, Headers, body, KeepAlive);
}

/// <summary>A whole request.</summary>
internal sealed record HttpRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body, bool KeepAlive);
