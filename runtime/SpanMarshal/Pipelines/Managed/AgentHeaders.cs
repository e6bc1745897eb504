namespace SpanMarshal.Pipelines.Managed;

/// <summary>The agent's trace-intake header names and values, in one place.</summary>
internal static class AgentHeaders
{
    public const string TracesPath = "/v0.4/traces";
    public const string V05TracesPath = "/v0.5/traces";
    public const string InfoPath = "/info";
    public const string MsgPackContentType = "application/msgpack";
    public const string TraceCount = "X-Datadog-Trace-Count";
    public const string Lang = "Datadog-Meta-Lang";
    public const string LangVersion = "Datadog-Meta-Lang-Version";
    public const string LangInterpreter = "Datadog-Meta-Lang-Interpreter";
    public const string TracerVersion = "Datadog-Meta-Tracer-Version";

    /// <summary>Asks the agent to answer 429 when it drops a payload instead of a silent 200.</summary>
    public const string SendRealHttpStatus = "Datadog-Send-Real-Http-Status";
}
