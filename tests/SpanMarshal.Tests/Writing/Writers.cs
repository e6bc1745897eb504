using System;
using System.Collections.Generic;
using System.Linq;
using SpanMarshal.Configuration;
using SpanMarshal.Pipelines.Managed;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.Writing;

/// <summary>Trace writers over either pipeline (managed to a test agent with fast retries, libdatadog on the conformance library) and what they sent.</summary>
internal static class Writers
{
    public static TraceWriter<TestSpan> Create(TracePipelineKind pipeline, Uri agentUrl, TraceWriterOptions options, ListLogger? logger = null)
    {
        logger ??= new ListLogger();
        return pipeline == TracePipelineKind.Managed
            ? new TraceWriter<TestSpan>(
                new ManagedPipeline(ExporterSettings.Resolve(ManagedHarness.Options(agentUrl), _ => null), logger, ManagedHarness.FastRetries), ManagedHarness.Writer, options, logger)
            : TraceWriter.Create<TestSpan, TestSpanMarshaller>(Conformance.Options(), options, logger);
    }

    /// <summary>What the agent received (managed) or libdatadog was given (every send, cancelled ones included).</summary>
    public static IReadOnlyList<IReadOnlyList<ReceivedSpan>> Received(TracePipelineKind pipeline, TestAgent agent)
        => pipeline == TracePipelineKind.Managed ? agent.Traces : Conformance.Read().ReceivedTraces;

    public static string Name(TracePipelineKind pipeline) => pipeline == TracePipelineKind.Managed ? "managed" : "libdatadog";

    /// <summary>
    /// Asserts that the meter accounts for every trace and span written: written equals sent plus
    /// dropped (every reason), and returns the sent and dropped-by-reason figures.
    /// </summary>
    public static (double Sent, Dictionary<string, double> Dropped) AssertAccounted(MeterCapture metrics, TracePipelineKind pipeline, int traces, int spans)
    {
        var tag = ("spanmarshal.pipeline", (object?)Name(pipeline));
        string[] reasons = ["invalid", "too_large", "rejected", "send_failed", "not_attempted", "cancelled", "failed", "buffer_full", "shutdown", "disposed"];
        Assert.Equal(traces, metrics.Sum("spanmarshal.traces.written", tag));
        Assert.Equal(spans, metrics.Sum("spanmarshal.spans.written", tag));
        double sentTraces = metrics.Sum("spanmarshal.traces.sent", tag);
        Dictionary<string, double> dropped = reasons.ToDictionary(r => r, r => metrics.Sum("spanmarshal.traces.dropped", tag, ("reason", r)));
        Assert.Equal(traces, sentTraces + dropped.Values.Sum());
        Assert.Equal(spans, metrics.Sum("spanmarshal.spans.sent", tag) + reasons.Sum(r => metrics.Sum("spanmarshal.spans.dropped", tag, ("reason", r))));
        Assert.Equal(0, metrics.Observe("spanmarshal.spans.buffered"));
        return (sentTraces, dropped);
    }
}
