using System;
using System.Collections.Generic;

namespace SpanMarshal.Testing;

/// <summary>One HTTP request the agent received, decoded and validated.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path, for example <c>/v0.4/traces</c>.</param>
/// <param name="Headers">The request headers (names compared case-insensitively).</param>
/// <param name="Body">The raw body.</param>
/// <param name="Traces">The decoded chunks (empty when the body could not be decoded).</param>
/// <param name="ValidationErrors">Every rule the request broke; empty for a valid request.</param>
/// <param name="StatusCode">The status the agent answered, or null when it dropped the connection.</param>
public sealed record ReceivedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body,
    IReadOnlyList<IReadOnlyList<ReceivedSpan>> Traces,
    IReadOnlyList<string> ValidationErrors,
    int? StatusCode)
{
    /// <summary>The value of header <paramref name="name"/>, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}
