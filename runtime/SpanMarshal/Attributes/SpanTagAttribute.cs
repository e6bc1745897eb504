using System;

namespace SpanMarshal;

/// <summary>
/// Sends a field or property as one tag with a fixed key, the way tracers keep well-known
/// tags (<c>http.method</c>, <c>http.status_code</c>) in typed members: a string member
/// becomes <c>meta</c>, a numeric one (<see cref="double"/>, <see cref="float"/>,
/// <see cref="long"/>, <see cref="int"/> or their nullable forms) <c>metrics</c>; null sends no tag.
/// </summary>
/// <remarks>
/// The generator writes the key as a UTF-8 literal, so a tag key costs no lookup or
/// transcoding per span.
/// </remarks>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SpanTagAttribute : Attribute
{
    /// <summary>Sends the member as the tag <paramref name="key"/>.</summary>
    public SpanTagAttribute(string key) => Key = key;

    /// <summary>The tag key.</summary>
    public string Key { get; }
}
