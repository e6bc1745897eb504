using System;
using System.Collections.Generic;
using SpanMarshal;

namespace Consumer;

/// <summary>
/// Partial, so the marshaller is generated inside it and reads the private members directly.
/// <see cref="Operation"/> uses no instance data: CA1822 would have it made static, which
/// would stop it being sent.
/// </summary>
[GenerateTraceMarshaller]
internal sealed partial class CheckoutSpan
{
    [SpanTag("http.method")]
    private readonly string _httpMethod;

    private readonly string _resource;

    public CheckoutSpan(string httpMethod, string resource)
    {
        _httpMethod = httpMethod;
        _resource = resource;
    }

    public string? Service { get; init; }

    public UInt128 TraceId { get; init; }

    public ulong SpanId { get; init; }

    public DateTime Start { get; init; }

    public TimeSpan Duration { get; init; }

    [SpanTag("http.status_code")]
    public int StatusCode { get; init; }

    public Dictionary<string, string> Meta { get; } = new(StringComparer.Ordinal);

    [SpanIgnore]
    public string? Debug { get; set; }

    [SpanField(SpanField.Name)]
    private string Operation => "checkout";
}

/// <summary>
/// Not partial, so the marshaller reads the private members through [UnsafeAccessor], which
/// the compiler and the analyzers do not count as reads (CS0169, CS0414, IDE0051, IDE0052, CA1823).
/// </summary>
[GenerateTraceMarshaller]
internal sealed class CacheSpan
{
    private readonly string _name = "cache.get";
    private readonly string _service;
    private readonly ulong _traceId;
    private readonly ulong _parentId;
    private readonly DateTimeOffset _start;
    private readonly int _error;
    private ulong _spanId;

    [SpanTag("cache.key")]
    private readonly string _key;

    public CacheSpan(string service, ulong traceId, ulong parentId, DateTimeOffset start, string key)
    {
        _service = service;
        _traceId = traceId;
        _parentId = parentId;
        _start = start;
        _key = key;
    }

    private string Resource => "GET";

    public void AssignId(ulong spanId) => _spanId = spanId;
}
