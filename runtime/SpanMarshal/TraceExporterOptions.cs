using System;
using SpanMarshal.Configuration;

namespace SpanMarshal;

/// <summary>
/// How a <see cref="TraceExporter"/> reaches the agent and describes the application. The options
/// are read once, by <see cref="TraceExporter.Create"/>, together with the environment variables
/// that stand in for unset ones: changing them afterwards does not change an exporter already created.
/// </summary>
/// <remarks>
/// Both pipelines honour every option the same way. Where one of them cannot, the exporter says so
/// when it is created (a warning or an exception), never by ignoring the option silently.
/// </remarks>
public sealed class TraceExporterOptions
{
    /// <summary>
    /// The agent's address: <c>http://host:port</c> or <c>unix:///path/to/socket</c> (three slashes:
    /// a Unix socket URL has no host). Null reads <c>DD_TRACE_AGENT_URL</c>, else
    /// <c>DD_AGENT_HOST</c> and <c>DD_TRACE_AGENT_PORT</c>, else <c>http://localhost:8126</c>
    /// (see <see cref="ResolveAgentUrl"/>).
    /// </summary>
    public Uri? AgentUrl { get; set; }

    /// <summary>
    /// The application's service. Null (or blank) reads <c>DD_SERVICE</c>. A span whose service is
    /// null or empty is sent with this service, as Datadog tracers send spans that name none.
    /// </summary>
    public string? Service { get; set; }

    /// <summary>
    /// The environment (<c>prod</c>, <c>staging</c>, ...). Null (or blank) reads <c>DD_ENV</c>.
    /// Sent as the <c>env</c> tag of every span that does not set its own, as Datadog tracers do.
    /// </summary>
    /// <remarks>
    /// Named <c>Environment</c>, not <c>Env</c>: the .NET Framework Design Guidelines avoid
    /// abbreviations, and dd-trace-dotnet's <c>TracerSettings</c> spells it the same way.
    /// </remarks>
    public string? Environment { get; set; }

    /// <summary>
    /// The application's version. Null (or blank) reads <c>DD_VERSION</c>. Sent as the
    /// <c>version</c> tag of every span of the application's own service (a span that names no
    /// service, or names <see cref="Service"/>) that does not set its own: as in dd-trace-dotnet, a
    /// span of another service (a database, a queue) does not carry the application's version.
    /// </summary>
    public string? Version { get; set; }

    /// <summary>
    /// The host name to report, or null to let the agent use its own. Sent as the
    /// <c>_dd.hostname</c> tag, which the agent reads from a trace's root span (what
    /// <c>DD_TRACE_REPORT_HOSTNAME</c> makes Datadog tracers send). Both pipelines put it on every
    /// span that does not set its own: the exporter sees spans one at a time and cannot always tell
    /// which one the agent will take as the root (a local root whose parent is in another process).
    /// </summary>
    public string? HostName { get; set; }

    /// <summary>The tracer's language, sent as <c>Datadog-Meta-Lang</c>.</summary>
    public string Language { get; set; } = "dotnet";

    /// <summary>The language version, sent as <c>Datadog-Meta-Lang-Version</c>.</summary>
    public string LanguageVersion { get; set; } = System.Environment.Version.ToString();

    /// <summary>The runtime, sent as <c>Datadog-Meta-Lang-Interpreter</c>.</summary>
    public string LanguageInterpreter { get; set; } = ".NET";

    /// <summary>The tracer's version, sent as <c>Datadog-Meta-Tracer-Version</c>.</summary>
    public string TracerVersion { get; set; } = typeof(TraceExporterOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>
    /// The longest establishing a connection to the agent may take (default 3 s). Managed pipeline
    /// only: libdatadog has one timeout per request, see <see cref="SendTimeout"/>; setting this
    /// with the libdatadog pipeline logs a warning when the exporter is created.
    /// </summary>
    /// <remarks>Must be between 1 ms and 1 hour; <see cref="TraceExporter.Create"/> throws <see cref="ArgumentOutOfRangeException"/> otherwise.</remarks>
    public TimeSpan ConnectTimeout { get; set; } = ExporterSettings.DefaultConnectTimeout;

    /// <summary>
    /// The longest the agent may go without making progress (default 10 s): the upload may make
    /// no progress for this long, and the agent may take this long to start answering after the
    /// last byte of the body was sent, or between parts of its answer. A slow upload that keeps
    /// moving is never cut: only <see cref="SendTimeout"/> bounds it. Managed pipeline only (see
    /// <see cref="ConnectTimeout"/>).
    /// </summary>
    /// <remarks>Must be between 1 ms and 1 hour; <see cref="TraceExporter.Create"/> throws <see cref="ArgumentOutOfRangeException"/> otherwise.</remarks>
    public TimeSpan ResponseTimeout { get; set; } = ExporterSettings.DefaultResponseTimeout;

    /// <summary>
    /// The longest one send may take, every request and retry included (default 20 s). When it
    /// passes, the send returns a response with <see cref="TraceExporterErrorCode.TimedOut"/>; it
    /// does not throw.
    /// </summary>
    /// <remarks>
    /// <para>Must be between 1 ms and 1 hour; <see cref="TraceExporter.Create"/> throws <see cref="ArgumentOutOfRangeException"/> otherwise.</para>
    /// <para>
    /// libdatadog has a single timeout, <c>ddog_trace_exporter_config_set_connection_timeout</c>,
    /// which despite its name bounds each whole request attempt (connecting, uploading and the
    /// answer) and which it applies to each of its own retries. The libdatadog pipeline sets it to
    /// this value and cancels the send when this much time has passed in all, so the whole send is
    /// bounded the same way in both pipelines; what libdatadog cannot do is tell a stalled agent
    /// from a slow one within an attempt, which is what <see cref="ConnectTimeout"/> and
    /// <see cref="ResponseTimeout"/> do in the managed pipeline.
    /// </para>
    /// </remarks>
    public TimeSpan SendTimeout { get; set; } = ExporterSettings.DefaultSendTimeout;

    /// <summary>
    /// Asks libdatadog to compute trace stats client-side. The managed pipeline does not compute
    /// them (the agent does), and says so when the exporter is created.
    /// </summary>
    public bool ComputeStats { get; set; }

    /// <summary>
    /// Which version of the agent's trace intake the managed pipeline sends. <see cref="TraceApiVersion.Auto"/>
    /// (the default) reads <c>DD_TRACE_API_VERSION</c> (<c>v0.4</c> or <c>v0.5</c>), else sends v0.5 when
    /// the agent's <c>/info</c> lists it (about half the bytes of v0.4 for typical spans), else v0.4.
    /// Whatever is chosen, an agent that answers a v0.5 request 404 or 415 gets that request again as
    /// v0.4, and v0.4 from then on. The libdatadog pipeline chooses its own version: setting this with
    /// it logs a warning when the exporter is created.
    /// </summary>
    /// <remarks>A malformed <c>DD_TRACE_API_VERSION</c> makes <see cref="TraceExporter.Create"/> throw <see cref="ArgumentException"/>.</remarks>
    public TraceApiVersion ApiVersion { get; set; } = TraceApiVersion.Auto;

    /// <summary>Which pipeline to use.</summary>
    public TracePipelineKind Pipeline { get; set; } = TracePipelineKind.Auto;

    /// <summary>
    /// The absolute path of libdatadog's shared library. Null reads <c>DD_LIBDATADOG_PATH</c>, else
    /// the platform's library name is looked up in the application directory and on the system's
    /// library path (never the current directory). A path set here or in <c>DD_LIBDATADOG_PATH</c>
    /// that cannot be loaded throws with <see cref="TracePipelineKind.LibDatadog"/>, and is a warning
    /// naming the path and the reason with <see cref="TracePipelineKind.Auto"/>.
    /// </summary>
    public string? LibDatadogPath { get; set; }

    /// <summary>
    /// The agent URL an exporter created now would use: <see cref="AgentUrl"/>, else
    /// <c>DD_TRACE_AGENT_URL</c>, else <c>http://DD_AGENT_HOST:DD_TRACE_AGENT_PORT</c> (each
    /// defaulting to localhost and 8126).
    /// </summary>
    /// <exception cref="ArgumentException">The URL, or the variable it came from, is malformed; the message names which and the value.</exception>
    public Uri ResolveAgentUrl() => AgentAddress.Resolve(AgentUrl, System.Environment.GetEnvironmentVariable);
}
