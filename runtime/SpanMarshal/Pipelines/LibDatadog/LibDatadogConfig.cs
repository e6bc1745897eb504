using System;
using System.Text;
using SpanMarshal.Marshalling;
using SpanMarshal.Native;

namespace SpanMarshal.Pipelines.LibDatadog;

/// <summary>Builds the <c>ddog_TraceExporterConfig</c> of a <see cref="TraceExporterOptions"/>.</summary>
internal static unsafe class LibDatadogConfig
{
    /// <exception cref="ArgumentException">libdatadog rejected an option's value.</exception>
    public static ConfigHandle Build(TraceExporterOptions options)
    {
        NativeMethods.ddog_trace_exporter_config_new(out ConfigHandle config);
        try
        {
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_url, "agent URL", options.ResolveAgentUrl().OriginalString);
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_tracer_version, "tracer version", options.TracerVersion);
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_language, "language", options.Language);
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_lang_version, "language version", options.LanguageVersion);
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_lang_interpreter, "language interpreter", options.LanguageInterpreter);
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_hostname, "hostname", options.Hostname);
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_env, "env", options.ResolveEnv());
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_version, "version", options.ResolveVersion());
            Set(config, &NativeMethods.ddog_trace_exporter_config_set_service, "service", options.ResolveService());
            ulong timeoutMs = (ulong)Math.Max(0, (long)options.ConnectionTimeout.TotalMilliseconds);
            Check("connection timeout", NativeMethods.ddog_trace_exporter_config_set_connection_timeout(config, timeoutMs));
            Check("compute-stats flag", NativeMethods.ddog_trace_exporter_config_set_compute_stats(config, options.ComputeStats ? (byte)1 : (byte)0));
            return config;
        }
        catch
        {
            config.Dispose();
            throw;
        }
    }

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
            throw new ArgumentException($"libdatadog rejected the {what}: {failure}.");
        }
    }
}
