using System;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpanMarshal.Hosting;

/// <summary>Registers SpanMarshal's <see cref="TraceWriter{TSpan}"/> with a host.</summary>
public static class SpanMarshalServiceCollectionExtensions
{
    /// <summary>The configuration section <see cref="TraceExporterOptions"/> is bound from.</summary>
    public const string ConfigurationSection = "SpanMarshal";

    /// <summary>The configuration section <see cref="TraceWriterOptions"/> is bound from.</summary>
    public const string WriterConfigurationSection = ConfigurationSection + ":Writer";

    /// <summary>
    /// Registers a singleton <see cref="TraceWriter{TSpan}"/>, created when the host starts and
    /// flushed when it stops (then disposed by the container, which sends what is left).
    /// </summary>
    /// <remarks>
    /// <see cref="TraceExporterOptions"/> is bound from the <c>SpanMarshal</c> configuration section
    /// and <see cref="TraceWriterOptions"/> from <c>SpanMarshal:Writer</c>
    /// (<c>"SpanMarshal": { "Service": "web-store", "Writer": { "FlushInterval": "00:00:02" } }</c>);
    /// what neither configuration nor <paramref name="configureExporter"/> sets still comes from the
    /// <c>DD_*</c> environment variables, as for <see cref="TraceExporter"/>. The writer logs through
    /// the host's <see cref="ILoggerFactory"/>. Registering twice registers one writer.
    /// </remarks>
    /// <typeparam name="TSpan">The tracer's span type, marked <see cref="GenerateTraceMarshallerAttribute"/>.</typeparam>
    /// <param name="services">The host's services.</param>
    /// <param name="configureExporter">Applied after configuration: for what code decides (the agent URL of a test agent, say).</param>
    /// <param name="configureWriter">Applied after configuration.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddSpanMarshalTraceWriter<TSpan>(
        this IServiceCollection services, Action<TraceExporterOptions>? configureExporter = null, Action<TraceWriterOptions>? configureWriter = null)
        where TSpan : class
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<TraceExporterOptions> exporter = services.AddOptions<TraceExporterOptions>().Configure<IConfiguration>(BindExporter);
        OptionsBuilder<TraceWriterOptions> writer = services.AddOptions<TraceWriterOptions>().Configure<IConfiguration>(BindWriter);
        if (configureExporter is not null)
        {
            exporter.Configure(configureExporter);
        }

        if (configureWriter is not null)
        {
            writer.Configure(configureWriter);
        }

        services.TryAddSingleton(provider => TraceWriter.Create<TSpan>(
            provider.GetRequiredService<IOptions<TraceExporterOptions>>().Value,
            provider.GetRequiredService<IOptions<TraceWriterOptions>>().Value,
            provider.GetService<ILoggerFactory>()));
        services.AddHostedService<TraceWriterHostedService<TSpan>>();
        return services;
    }

    // The configuration-binding source generator replaces both Bind calls with generated code at
    // compile time (EnableConfigurationBindingGenerator), so no reflection-based binding is left to
    // trim; the trimming analyzer does not see interceptors yet (dotnet/linker#3241) and warns anyway.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Intercepted by the configuration-binding source generator.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Intercepted by the configuration-binding source generator.")]
    private static void BindExporter(TraceExporterOptions options, IConfiguration configuration)
        => configuration.GetSection(ConfigurationSection).Bind(options);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Intercepted by the configuration-binding source generator.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Intercepted by the configuration-binding source generator.")]
    private static void BindWriter(TraceWriterOptions options, IConfiguration configuration)
        => configuration.GetSection(WriterConfigurationSection).Bind(options);
}
