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
}
