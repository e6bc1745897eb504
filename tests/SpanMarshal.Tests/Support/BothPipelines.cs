using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using Xunit;

namespace SpanMarshal.Tests.Support;

/// <summary>For tests that hold both pipelines to one behaviour: libdatadog on the conformance library, managed on a test agent.</summary>
public static class BothPipelines
{
    public static TheoryData<TracePipelineKind> Kinds => [TracePipelineKind.LibDatadog, TracePipelineKind.Managed];

    public static TraceExporterOptions Options(TracePipelineKind pipeline, TestAgent agent)
        => pipeline == TracePipelineKind.Managed ? ManagedHarness.Options(agent.Url) : Conformance.Options();

    /// <summary>Sends <paramref name="traces"/> of a registered span type through <paramref name="pipeline"/> and reads back what arrived.</summary>
    public static Task<(TraceExporterResponse Response, IReadOnlyList<IReadOnlyList<ReceivedSpan>> Received)> SendAsync<TSpan>(
        TracePipelineKind pipeline, IReadOnlyList<IReadOnlyList<TSpan>> traces, ListLogger? logger = null)
        where TSpan : class
        => SendAsync(pipeline, exporter => exporter.Send(traces), logger);

    /// <summary>Makes one send through <paramref name="pipeline"/> and reads back what the agent received (or libdatadog was given).</summary>
    public static async Task<(TraceExporterResponse Response, IReadOnlyList<IReadOnlyList<ReceivedSpan>> Received)> SendAsync(
        TracePipelineKind pipeline, Func<TraceExporter, TraceExporterResponse> send, ListLogger? logger = null)
    {
        await using TestAgent agent = TestAgent.Start();
        TraceExporterOptions options = Options(pipeline, agent);
        options.Logger = logger;
        using var exporter = TraceExporter.Create(options);
        TraceExporterResponse response = send(exporter);
        return (response, pipeline == TracePipelineKind.Managed ? agent.Traces : Conformance.Read().ReceivedTraces);
    }
}
