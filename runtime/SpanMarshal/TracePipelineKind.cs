namespace SpanMarshal;

/// <summary>Which pipeline turns marshalled spans into agent requests.</summary>
public enum TracePipelineKind
{
    /// <summary>libdatadog when it can be loaded, else the built-in managed pipeline (the choice is logged).</summary>
    Auto,

    /// <summary>libdatadog's native data pipeline; creating the exporter fails when it cannot be loaded.</summary>
    LibDatadog,

    /// <summary>The built-in managed pipeline: v0.5 or v0.4 msgpack over HTTP (see <see cref="TraceApiVersion"/>), nothing native needed.</summary>
    Managed,
}
