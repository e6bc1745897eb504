using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.EndToEnd;

/// <summary>
/// The whole path with the real generator: generated marshaller -> managed pipeline -> the
/// test agent (decoded by MessagePack-CSharp), and generated marshaller -> libdatadog
/// pipeline -> the conformance library. Both must deliver exactly the source spans.
/// </summary>
public sealed class PipelineAgreementTests : NativeTest
{
    private const int TraceCount = 150;

    [Fact]
    public async Task The_managed_pipeline_delivers_every_span_field_by_field()
    {
        List<IReadOnlyList<OrderSpan>> traces = OrderTraffic.Traces(TraceCount);

        (TraceExporterResponse response, List<List<ReceivedSpan>> received) = await SendManagedAsync(traces);

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal(TraceCount, response.TraceCount);
        Assert.Equal(traces.Sum(t => t.Count), response.SkippedTagCount); // one boolean tag per span
        AssertSameTraces(OrderTraffic.Expected(traces), received);
    }

    [Fact]
    public void The_libdatadog_pipeline_records_every_span_field_by_field()
    {
        List<IReadOnlyList<OrderSpan>> traces = OrderTraffic.Traces(TraceCount);

        (TraceExporterResponse response, List<List<ReceivedSpan>> recorded) = SendLibDatadog(traces);

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal(TraceCount, response.TraceCount);
        Assert.Equal(traces.Sum(t => t.Count), response.SkippedTagCount);
        AssertSameTraces(OrderTraffic.Expected(traces), recorded);
    }

    [Fact]
    public async Task Both_pipelines_deliver_the_same_spans()
    {
        List<IReadOnlyList<OrderSpan>> traces = OrderTraffic.Traces(TraceCount, seed: 99);

        (_, List<List<ReceivedSpan>> managed) = await SendManagedAsync(traces);
        (_, List<List<ReceivedSpan>> native) = SendLibDatadog(traces);

        AssertSameTraces(native, managed);
    }

    private static async Task<(TraceExporterResponse, List<List<ReceivedSpan>>)> SendManagedAsync(List<IReadOnlyList<OrderSpan>> traces)
    {
        await using TestAgent agent = TestAgent.Start();
        using var exporter = TraceExporter.Create(new TraceExporterOptions { Pipeline = TracePipelineKind.Managed, AgentUrl = agent.Url });

        TraceExporterResponse response = await exporter.SendAsync(traces);

        Assert.Empty(agent.ValidationErrors);
        return (response, agent.Traces.Select(t => t.ToList()).ToList());
    }

    private static (TraceExporterResponse, List<List<ReceivedSpan>>) SendLibDatadog(List<IReadOnlyList<OrderSpan>> traces)
    {
        using var exporter = TraceExporter.Create(Conformance.Options());

        TraceExporterResponse response = exporter.Send(traces);

        RecordedSend send = Assert.Single(Conformance.Read().Sends);
        return (response, send.Chunks.Select(c => c.Select(s => s.ToReceived()).ToList()).ToList());
    }

    private static void AssertSameTraces(List<List<ReceivedSpan>> expected, List<List<ReceivedSpan>> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int t = 0; t < expected.Count; t++)
        {
            Assert.Equal(expected[t].Count, actual[t].Count);
            for (int s = 0; s < expected[t].Count; s++)
            {
                Assert.True(expected[t][s].Equals(actual[t][s]), $"trace {t} span {s}:\nexpected {expected[t][s]}\nactual   {actual[t][s]}");
            }
        }
    }
}
