namespace SpanMarshal;

/// <summary>Which version of the agent's trace intake the managed pipeline sends (<c>/v0.4/traces</c> or <c>/v0.5/traces</c>).</summary>
public enum TraceApiVersion
{
    /// <summary>
    /// v0.5 when the agent's <c>/info</c> lists <c>/v0.5/traces</c>, else v0.4. The pipeline asks once
    /// when it is created (in the background: sends made before the agent answers use v0.4) and again
    /// every few minutes; an agent that cannot be asked gets v0.4.
    /// </summary>
    Auto,

    /// <summary>v0.4: every span a msgpack map with its strings inline.</summary>
    V04,

    /// <summary>
    /// v0.5: every distinct string once per request in a string table, spans as arrays of indexes
    /// (about half the bytes of v0.4 for typical spans), without asking the agent first.
    /// </summary>
    V05,
}
