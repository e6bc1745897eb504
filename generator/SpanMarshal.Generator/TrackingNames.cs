namespace SpanMarshal.Generator;

/// <summary>Names of the tracked pipeline steps, so tests can assert each one is cached.</summary>
internal static class TrackingNames
{
    public const string SpanTypes = nameof(SpanTypes);
    public const string ValidSpanTypes = nameof(ValidSpanTypes);
}
