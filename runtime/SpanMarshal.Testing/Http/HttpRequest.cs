using System.Collections.Generic;

namespace SpanMarshal.Testing.Http;

/// <summary>A request as read off the wire.</summary>
internal sealed record HttpRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, bool KeepAlive);
