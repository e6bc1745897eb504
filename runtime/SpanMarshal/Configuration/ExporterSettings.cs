using System;
using System.Diagnostics;
using System.Threading;
using SpanMarshal.Marshalling.Sinks;
using SpanMarshal.Native;

namespace SpanMarshal.Configuration;

/// <summary>
/// A <see cref="TraceExporterOptions"/> resolved and validated once, when the exporter is created:
/// unset options filled from the environment (<c>DD_SERVICE</c>, <c>DD_ENV</c>, <c>DD_VERSION</c>,
/// <c>DD_TRACE_AGENT_URL</c>, <c>DD_AGENT_HOST</c>, <c>DD_TRACE_AGENT_PORT</c>,
/// <c>DD_LIBDATADOG_PATH</c>), the agent URL parsed, the timeouts checked and the span defaults
/// encoded. Immutable: pipelines read only this, so changing the options afterwards changes nothing.
/// </summary>
internal sealed class ExporterSettings
{
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultSendTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan MaximumTimeout = TimeSpan.FromHours(1);

    private ExporterSettings(TraceExporterOptions options, Func<string, string?> environment)
    {
        Pipeline = options.Pipeline;
        ApiVersion = ResolveApiVersion(options.ApiVersion, environment("DD_TRACE_API_VERSION"));
        AgentUrl = AgentAddress.Resolve(options.AgentUrl, environment);
        Service = NonBlank(options.Service) ?? NonBlank(environment("DD_SERVICE"));
        Environment = NonBlank(options.Environment) ?? NonBlank(environment("DD_ENV"));
        Version = NonBlank(options.Version) ?? NonBlank(environment("DD_VERSION"));
        HostName = NonBlank(options.HostName);
        Language = options.Language;
        LanguageVersion = options.LanguageVersion;
        LanguageInterpreter = options.LanguageInterpreter;
        TracerVersion = options.TracerVersion;
        ConnectTimeout = CheckTimeout(options.ConnectTimeout, nameof(TraceExporterOptions.ConnectTimeout), nameof(options));
        ResponseTimeout = CheckTimeout(options.ResponseTimeout, nameof(TraceExporterOptions.ResponseTimeout), nameof(options));
        SendTimeout = CheckTimeout(options.SendTimeout, nameof(TraceExporterOptions.SendTimeout), nameof(options));
        ComputeStats = options.ComputeStats;
        Library = LibraryLocation.Resolve(options.LibDatadogPath, environment);
        SpanDefaults = new SpanDefaults(Service, Environment, Version, HostName);
    }

    public TracePipelineKind Pipeline { get; }

    /// <summary>The intake version the managed pipeline sends, or <see cref="TraceApiVersion.Auto"/> to ask the agent.</summary>
    public TraceApiVersion ApiVersion { get; }

    public Uri AgentUrl { get; }

    public string? Service { get; }

    /// <remarks>Shadows <see cref="System.Environment"/> inside this class, as the option does.</remarks>
    public string? Environment { get; }

    public string? Version { get; }

    public string? HostName { get; }

    public string Language { get; }

    public string LanguageVersion { get; }

    public string LanguageInterpreter { get; }

    public string TracerVersion { get; }

    public TimeSpan ConnectTimeout { get; }

    public TimeSpan ResponseTimeout { get; }

    public TimeSpan SendTimeout { get; }

    public bool ComputeStats { get; }

    /// <summary>Where libdatadog is looked for.</summary>
    public LibraryLocation Library { get; }

    /// <summary>What the sink core adds to spans (service, <c>env</c>, <c>version</c>, <c>_dd.hostname</c>), encoded once.</summary>
    public SpanDefaults SpanDefaults { get; }

    /// <summary>True when a timeout only the managed pipeline can apply was changed from its default.</summary>
    public bool HasManagedOnlyTimeouts => ConnectTimeout != DefaultConnectTimeout || ResponseTimeout != DefaultResponseTimeout;

    /// <summary>Resolves <paramref name="options"/> against the process's environment variables.</summary>
    /// <exception cref="ArgumentException">The agent URL, host or port is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A timeout is zero, negative, infinite or over an hour.</exception>
    public static ExporterSettings Resolve(TraceExporterOptions options) => Resolve(options, System.Environment.GetEnvironmentVariable);

    /// <summary>Resolves <paramref name="options"/> against <paramref name="environment"/> (tests pass their own).</summary>
    public static ExporterSettings Resolve(TraceExporterOptions options, Func<string, string?> environment) => new(options, environment);

    /// <summary>When a send that starts now must be over (a <see cref="Stopwatch"/> timestamp): <see cref="SendTimeout"/> from now.</summary>
    public long DeadlineFromNow() => Stopwatch.GetTimestamp() + (long)(SendTimeout.TotalSeconds * Stopwatch.Frequency);

    /// <summary>The time left until <paramref name="deadline"/> (a <see cref="Stopwatch"/> timestamp), never negative.</summary>
    public static TimeSpan Remaining(long deadline)
    {
        TimeSpan remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    /// <summary>Null for null, empty or blank: an empty variable means "not set".</summary>
    public static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>The text a timeout is shown with in messages.</summary>
    public static string Describe(TimeSpan timeout)
        => timeout == Timeout.InfiniteTimeSpan ? "infinite (Timeout.InfiniteTimeSpan)" : timeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture);

    // The option wins; DD_TRACE_API_VERSION spells the versions as dd-trace-py and dd-trace-js read it.
    private static TraceApiVersion ResolveApiVersion(TraceApiVersion option, string? variable)
    {
        if (!Enum.IsDefined(option))
        {
            throw new ArgumentOutOfRangeException(nameof(option), option, $"TraceExporterOptions.ApiVersion is {option}, which is not a {nameof(TraceApiVersion)}.");
        }

        return option != TraceApiVersion.Auto || NonBlank(variable) is not string value
            ? option
            : value.Trim() switch
            {
                "v0.4" => TraceApiVersion.V04,
                "v0.5" => TraceApiVersion.V05,
                _ => throw new ArgumentException($"DD_TRACE_API_VERSION is '{value}', which is not an intake version (v0.4 or v0.5)."),
            };
    }

    // Zero would mean "time out at once" in libdatadog, infinite would never end a stalled send,
    // and anything past an hour is no timeout in practice.
    private static TimeSpan CheckTimeout(TimeSpan value, string option, string paramName)
        => value >= MinimumTimeout && value <= MaximumTimeout
            ? value
            : throw new ArgumentOutOfRangeException(paramName, $"TraceExporterOptions.{option} is {Describe(value)}, but it must be between 1 ms and 1 hour.");
}
