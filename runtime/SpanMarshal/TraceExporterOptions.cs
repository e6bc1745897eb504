using System;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace SpanMarshal;

/// <summary>How a <see cref="TraceExporter"/> reaches the agent and describes the tracer.</summary>
public sealed class TraceExporterOptions
{
    /// <summary>The agent's address: <c>http://host:port</c> or <c>unix:///path/to/socket</c>. Null reads the environment (see <see cref="ResolveAgentUrl()"/>).</summary>
    public Uri? AgentUrl { get; set; }

    /// <summary>The default service. Null reads <c>DD_SERVICE</c>.</summary>
    public string? Service { get; set; }

    /// <summary>The environment. Null reads <c>DD_ENV</c>.</summary>
    public string? Env { get; set; }

    /// <summary>The application version. Null reads <c>DD_VERSION</c>.</summary>
    public string? Version { get; set; }

    /// <summary>The host name reported to the agent.</summary>
    public string? Hostname { get; set; }

    /// <summary>The tracer's language, sent as <c>Datadog-Meta-Lang</c>.</summary>
    public string Language { get; set; } = "dotnet";

    /// <summary>The language version, sent as <c>Datadog-Meta-Lang-Version</c>.</summary>
    public string LanguageVersion { get; set; } = Environment.Version.ToString();

    /// <summary>The runtime, sent as <c>Datadog-Meta-Lang-Interpreter</c>.</summary>
    public string LanguageInterpreter { get; set; } = ".NET";

    /// <summary>The tracer's version, sent as <c>Datadog-Meta-Tracer-Version</c>.</summary>
    public string TracerVersion { get; set; } = typeof(TraceExporterOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>How long to wait for a connection (libdatadog's only timeout setting; the managed pipeline's per-request timeout).</summary>
    public TimeSpan ConnectionTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Asks the pipeline to compute trace stats client-side.</summary>
    public bool ComputeStats { get; set; }

    /// <summary>Which pipeline to use.</summary>
    public TracePipelineKind Pipeline { get; set; } = TracePipelineKind.Auto;

    /// <summary>The path of libdatadog's shared library. Null reads <c>DD_LIBDATADOG_PATH</c>, else the platform's library name on the default search path (never the current directory).</summary>
    public string? LibDatadogPath { get; set; }

    /// <summary>Where the exporter logs pipeline choice, skipped tags and dropped spans. Null logs nothing.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>
    /// The agent URL: <see cref="AgentUrl"/>, else <c>DD_TRACE_AGENT_URL</c>, else
    /// <c>http://DD_AGENT_HOST:DD_TRACE_AGENT_PORT</c> (each defaulting to localhost and 8126).
    /// </summary>
    public Uri ResolveAgentUrl() => ResolveAgentUrl(AgentUrl, Environment.GetEnvironmentVariable);

    internal static Uri ResolveAgentUrl(Uri? explicitUrl, Func<string, string?> environment)
    {
        if (explicitUrl is not null)
        {
            return Validate(explicitUrl);
        }

        string? url = environment("DD_TRACE_AGENT_URL");
        if (!string.IsNullOrWhiteSpace(url))
        {
            return Validate(new Uri(url, UriKind.Absolute));
        }

        string host = NonEmpty(environment("DD_AGENT_HOST")) ?? "localhost";
        string port = NonEmpty(environment("DD_TRACE_AGENT_PORT")) ?? "8126";
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int portNumber) || portNumber is < 1 or > 65535)
        {
            throw new ArgumentException($"DD_TRACE_AGENT_PORT '{port}' is not a TCP port.");
        }

        // An IPv6 literal needs brackets in a URL.
        if (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('['))
        {
            host = "[" + host + "]";
        }

        return new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{portNumber}"));
    }

    internal string? ResolveService(Func<string, string?>? environment = null) => Service ?? Variable("DD_SERVICE", environment);

    internal string? ResolveEnv(Func<string, string?>? environment = null) => Env ?? Variable("DD_ENV", environment);

    internal string? ResolveVersion(Func<string, string?>? environment = null) => Version ?? Variable("DD_VERSION", environment);

    private static string? Variable(string name, Func<string, string?>? environment)
        => NonEmpty((environment ?? Environment.GetEnvironmentVariable)(name));

    private static Uri Validate(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != "http" && url.Scheme != "unix"))
        {
            throw new ArgumentException($"The agent URL '{url}' must be absolute and start with http:// or unix://.");
        }

        return url;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
