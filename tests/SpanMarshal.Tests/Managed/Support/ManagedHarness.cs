using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
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
        Deadline = TimeSpan.FromSeconds(30),
    };

    internal static BatchMarshaller<TestSpan> Writer => TraceMarshallers.For<TestSpan, TestSpanMarshaller>();

    public static TraceExporterOptions Options(Uri agent, TimeSpan? timeout = null) => new()
    {
        AgentUrl = agent,
        Pipeline = TracePipelineKind.Managed,
        ConnectionTimeout = timeout ?? TimeSpan.FromSeconds(10),
        Language = "dotnet",
        LanguageVersion = "10.0.12",
        LanguageInterpreter = ".NET",
        TracerVersion = "1.2.3",
    };

    /// <summary>An exporter over a managed pipeline with test limits and fast retries.</summary>
    internal static TraceExporter Exporter(Uri agent, ManagedPipelineSettings? settings = null, TimeSpan? timeout = null, ILogger? logger = null)
    {
        logger ??= new ListLogger();
        return new TraceExporter(new ManagedPipeline(Options(agent, timeout), logger, settings ?? FastRetries), logger);
    }

    internal static TraceExporterResponse SendTestSpans(this TraceExporter exporter, IReadOnlyList<IReadOnlyList<TestSpan>> traces, CancellationToken cancellationToken = default)
        => exporter.Send<TestSpan, TestSpanMarshaller>(traces, cancellationToken);

    internal static Task<TraceExporterResponse> SendTestSpansAsync(this TraceExporter exporter, IReadOnlyList<IReadOnlyList<TestSpan>> traces, CancellationToken cancellationToken = default)
        => exporter.SendAsync<TestSpan, TestSpanMarshaller>(traces, cancellationToken);
}
