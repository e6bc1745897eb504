namespace SpanMarshal.Diagnostics;

/// <summary>
/// The logger categories SpanMarshal logs under, fixed so a host can filter them by name
/// (<c>"Logging": { "LogLevel": { "SpanMarshal": "Warning" } }</c>): the exporter's own decisions,
/// then one category per pipeline for what its sends did.
/// </summary>
internal static class LogCategories
{
    /// <summary>Which pipeline was chosen and why, and how disposing went.</summary>
    public const string Exporter = "SpanMarshal.TraceExporter";

    /// <summary>A trace writer's own decisions: the pipeline chosen and why, buffers full, back-off, disposal.</summary>
    public const string Writer = "SpanMarshal.TraceWriter";

    /// <summary>The libdatadog pipeline's sends.</summary>
    public const string LibDatadog = "SpanMarshal.LibDatadog";

    /// <summary>The managed pipeline's sends.</summary>
    public const string Managed = "SpanMarshal.Managed";
}
