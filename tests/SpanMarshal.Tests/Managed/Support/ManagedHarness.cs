using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Configuration;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Pipelines.Managed;
using SpanMarshal.Tests.Support;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>Builds managed pipelines pointed at a test agent, with retries fast enough for tests.</summary>
public static class ManagedHarness
{
    internal static ManagedPipelineSettings FastRetries { get; } = new()
    {
        MaxAttempts = 3,
        FirstBackoff = TimeSpan.FromMilliseconds(1),
        MaxBackoff = TimeSpan.FromMilliseconds(5),
    };

    internal static BatchMarshaller<TestSpan> Writer => TraceMarshallers.For<TestSpan, TestSpanMarshaller>();

    /// <summary>Options for a managed exporter sending v0.4 to <paramref name="agent"/>, with the test's language headers.</summary>
    /// <param name="agent">The agent's URL.</param>
    /// <param name="timeout">The <see cref="TraceExporterOptions.ResponseTimeout"/> (default 10 s).</param>
    /// <param name="sendTimeout">The <see cref="TraceExporterOptions.SendTimeout"/> (default 30 s).</param>
    public static TraceExporterOptions Options(Uri agent, TimeSpan? timeout = null, TimeSpan? sendTimeout = null) => new()
    {
        AgentUrl = agent,
        Pipeline = TracePipelineKind.Managed,

        // v0.4, not Auto: with Auto the first sends race the background /info question, and request
        // sizes and splits differ between versions. V05Tests covers v0.5 and the choice between them.
        ApiVersion = TraceApiVersion.V04,
        ResponseTimeout = timeout ?? TimeSpan.FromSeconds(10),
        SendTimeout = sendTimeout ?? TimeSpan.FromSeconds(30),
        Language = "dotnet",
        LanguageVersion = "10.0.12",
        LanguageInterpreter = ".NET",
        TracerVersion = "1.2.3",
    };

    /// <summary>An exporter over a managed pipeline with test limits and fast retries.</summary>
    internal static TraceExporter Exporter(Uri agent, ManagedPipelineSettings? settings = null, TimeSpan? timeout = null, ILogger? logger = null, TimeSpan? sendTimeout = null)
        => Exporter(Options(agent, timeout, sendTimeout), settings, logger);

    /// <summary>An exporter over a managed pipeline built from <paramref name="options"/>, with test limits and fast retries.</summary>
    internal static TraceExporter Exporter(TraceExporterOptions options, ManagedPipelineSettings? settings = null, ILogger? logger = null)
    {
        logger ??= new ListLogger();
        return new TraceExporter(new ManagedPipeline(ExporterSettings.Resolve(options, _ => null), logger, settings ?? FastRetries), logger);
    }

    internal static TraceExporterResponse SendTestSpans(this TraceExporter exporter, IReadOnlyList<IReadOnlyList<TestSpan>> traces, CancellationToken cancellationToken = default)
        => exporter.Send<TestSpan, TestSpanMarshaller>(traces, cancellationToken);

    internal static Task<TraceExporterResponse> SendTestSpansAsync(this TraceExporter exporter, IReadOnlyList<IReadOnlyList<TestSpan>> traces, CancellationToken cancellationToken = default)
        => exporter.SendAsync<TestSpan, TestSpanMarshaller>(traces, cancellationToken);
}
