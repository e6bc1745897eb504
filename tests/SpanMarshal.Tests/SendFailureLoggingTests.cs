using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Support;
using Xunit;
using static SpanMarshal.Tests.Support.Batch;

namespace SpanMarshal.Tests;

/// <summary>The same outcome logs at the same level in both pipelines, under the pipeline's own category.</summary>
public class SendFailureLoggingTests : NativeTest
{
    [Theory]
    [InlineData(TracePipelineKind.LibDatadog, "SpanMarshal.LibDatadog")]
    [InlineData(TracePipelineKind.Managed, "SpanMarshal.Managed")]
    public async Task A_failed_send_is_one_warning_under_the_pipelines_category(TracePipelineKind pipeline, string category)
    {
        await using TestAgent agent = TestAgent.Start();
        agent.EnqueueReply(AgentReply.Status(400, "bad payload"));
        Conformance.Fail("ddog_trace_exporter_send_trace_chunks", TraceExporterErrorCode.HttpClient);
        var logger = new ListLogger();
        using var exporter = TraceExporter.Create(BothPipelines.Options(pipeline, agent), logger);

        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(Of([new TestSpan()], [new TestSpan { TraceId = 2 }]));

        Assert.True(response.IsClientError, response.ToString());
        var warning = Assert.Single(logger.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal((LogLevel.Warning, category), (warning.Level, warning.Category));
        Assert.Contains("2 trace(s)", warning.Message, System.StringComparison.Ordinal);
        Assert.All(logger.Entries.Where(e => e.Category != "SpanMarshal.TraceExporter"), e => Assert.Equal(category, e.Category));
    }
}
