namespace SpanMarshal.Generator.Model;

/// <summary>
/// Mirrors the runtime's <c>SpanMarshal.SpanField</c> (same order, so an attribute argument's
/// integer value converts directly); the generator cannot reference the runtime assembly.
/// </summary>
internal enum SpanFieldKind
{
    Name,
    Service,
    Resource,
    Type,
    TraceId,
    TraceIdHigh,
    TraceIdLow,
    SpanId,
    ParentId,
    Start,
    Duration,
    Error,
    Meta,
    Metrics,
}
