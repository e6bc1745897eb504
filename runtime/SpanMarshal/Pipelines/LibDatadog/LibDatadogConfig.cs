using System;
using System.Text;
using SpanMarshal.Configuration;
using SpanMarshal.Diagnostics;
using SpanMarshal.Marshalling;
using SpanMarshal.Native;

namespace SpanMarshal.Pipelines.LibDatadog;

/// <summary>Builds the <c>ddog_TraceExporterConfig</c> of an exporter's <see cref="ExporterSettings"/>.</summary>
/// <remarks>
/// The service, env, version and host name set here feed only what libdatadog produces itself
/// (client-side stats, telemetry): spans get them from the sink core, as in the managed pipeline.
/// </remarks>
internal static unsafe class LibDatadogConfig
{
    /// <exception cref="ArgumentException">libdatadog rejected an option's value.</exception>
    public static ConfigHandle Build(ExporterSettings settings)
    {
        NativeMethods.ddog_trace_exporter_config_new(out ConfigHandle config);
        try
        {
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_url, "agent URL", settings.AgentUrl.OriginalString);
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_tracer_version, "tracer version", settings.TracerVersion);
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_language, "language", settings.Language);
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_lang_version, "language version", settings.LanguageVersion);
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_lang_interpreter, "language interpreter", settings.LanguageInterpreter);
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_hostname, "host name", settings.HostName);
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_env, "environment", settings.Environment);
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_version, "version", settings.Version);
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_service, "service", settings.Service);
            Check("connection timeout", NativeMethods.ddog_trace_exporter_config_set_connection_timeout(config, AttemptTimeoutMilliseconds(settings)));
            Check("compute-stats flag", NativeMethods.ddog_trace_exporter_config_set_compute_stats(config, settings.ComputeStats ? (byte)1 : (byte)0));
            return config;
        }
        catch
        {
            config.Dispose();
            throw;
        }
    }

    /// <summary>
    /// libdatadog's only timeout bounds each whole attempt (connect, upload and answer), and 0 means
    /// "time out at once". Each attempt gets the whole <see cref="ExporterSettings.SendTimeout"/>
    /// (validated to at least 1 ms, so never 0); the send's cancel token ends the send as a whole
    /// when that much time has passed across libdatadog's retries.
    /// </summary>
    internal static ulong AttemptTimeoutMilliseconds(ExporterSettings settings) => (ulong)Math.Ceiling(settings.SendTimeout.TotalMilliseconds);

    // An unset option is left to libdatadog's default rather than sent as an empty string.
    private static void Set(ConfigHandle config, delegate*<ConfigHandle, CharSlice, NativeError*> setter, string what, string? value)
    {
        if (value is null)
        {
            return;
        }

        // Once per exporter: a plain array (lone surrogates become U+FFFD, so the bytes are valid UTF-8).
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        fixed (byte* bytes = utf8)
        {
            Check(what, setter(config, new CharSlice(bytes, utf8.Length)));
        }
    }

    private static void Check(string what, NativeError* error)
    {
        if (NativeFailure.Take(error) is { } failure)
        {
            throw new ArgumentException($"libdatadog rejected the {what}: {Log.AsClause(failure.ToString())}.");
        }
    }
}
