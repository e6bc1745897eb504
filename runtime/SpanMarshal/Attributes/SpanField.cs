// One source for the runtime's public enum and the generator's copy (the generator cannot reference
// the runtime): the generator compiles this file too, with SPANMARSHAL_GENERATOR defined, so an
// attribute argument's integer value is read with the very names and order users write.
#if SPANMARSHAL_GENERATOR
namespace SpanMarshal.Generator.Model;
#else
namespace SpanMarshal;
#endif

/// <summary>The fields of a Datadog span that a member of a span class can map to.</summary>
#if SPANMARSHAL_GENERATOR
internal
#else
public
#endif
enum SpanField
{
    /// <summary>The operation name (<c>name</c>). Required.</summary>
    Name,
    /// <summary>The service name (<c>service</c>).</summary>
    Service,
    /// <summary>The resource name (<c>resource</c>).</summary>
    Resource,
    /// <summary>The span type (<c>type</c>), such as <c>web</c> or <c>sql</c>.</summary>
    Type,
    /// <summary>The whole trace id: <see cref="System.UInt128"/> or a single <see cref="ulong"/>.</summary>
    TraceId,
    /// <summary>The upper 64 bits of a 128-bit trace id.</summary>
    TraceIdHigh,
    /// <summary>The lower 64 bits of a 128-bit trace id.</summary>
    TraceIdLow,
    /// <summary>The span id.</summary>
    SpanId,
    /// <summary>The parent span id (0 for a root span).</summary>
    ParentId,
    /// <summary>The start time.</summary>
    Start,
    /// <summary>The duration.</summary>
    Duration,
    /// <summary>The error flag.</summary>
    Error,
    /// <summary>String tags (<c>meta</c>), or a mixed tag bag.</summary>
    Meta,
    /// <summary>Numeric tags (<c>metrics</c>).</summary>
    Metrics,
}
