using System;
using System.Threading;
using System.Threading.Tasks;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Support;
using Xunit;
using static SpanMarshal.Tests.Support.Batch;

namespace SpanMarshal.Tests;

/// <summary>Cancelling a send, sync or async, in either pipeline: it ends, and says whose cancel it was.</summary>
public class CancellationTests : NativeTest
{
    [Theory]
    [MemberData(nameof(BothPipelines.KindsSyncAndAsync), MemberType = typeof(BothPipelines))]
    public async Task A_cancelled_send_throws_OperationCanceledException_carrying_the_callers_token(TracePipelineKind pipeline, bool async)
    {
        await using TestAgent agent = TestAgent.Start();
        BothPipelines.Stall(pipeline, agent);
        using var exporter = TraceExporter.Create(BothPipelines.Options(pipeline, agent));
        using var cancel = new CancellationTokenSource();
        var traces = Of([new TestSpan()]);

        Task<TraceExporterResponse> sending = BothPipelines.Start(
            async,
            () => exporter.SendAsync<TestSpan, TestSpanMarshaller>(traces, cancel.Token),
            () => exporter.Send<TestSpan, TestSpanMarshaller>(traces, cancel.Token));
        await BothPipelines.WaitForSendInFlightAsync(pipeline, agent);
        cancel.Cancel();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        // docs/reliability.md promises the caller's own token, not the linked one the pipeline saw.
        Assert.Equal(cancel.Token, ex.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(BothPipelines.KindsSyncAndAsync), MemberType = typeof(BothPipelines))]
    public async Task A_send_with_a_cancelled_token_throws_with_that_token_and_sends_nothing(TracePipelineKind pipeline, bool async)
    {
        await using TestAgent agent = TestAgent.Start();
        using var exporter = TraceExporter.Create(BothPipelines.Options(pipeline, agent));
        var cancelled = new CancellationToken(canceled: true);
        var traces = Of([new TestSpan()]);

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BothPipelines.Start(
            async,
            () => exporter.SendAsync<TestSpan, TestSpanMarshaller>(traces, cancelled),
            () => exporter.Send<TestSpan, TestSpanMarshaller>(traces, cancelled)));

        Assert.Equal(cancelled, ex.CancellationToken);
        Assert.Empty(agent.Requests);
        Assert.Empty(Conformance.Read().Sends);
    }
}
