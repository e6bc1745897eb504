using System;
using System.Text;
using System.Threading.Tasks;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests;

/// <summary>
/// Agent answers are a few KiB: a response keeps at most 64 KiB of one, whatever the agent sends, and
/// never holds more in memory. Serial (a <see cref="NativeTest"/>) so the process-wide allocation
/// count measures this send alone.
/// </summary>
public sealed class OversizedAnswerTests : NativeTest
{
    private const int Kept = 64 * 1024;

    // The send itself allocates a few hundred KiB (the first request's connection, buffers); a body read whole would be 1.5 GB.
    private const long AllocationBound = 8 * 1024 * 1024;

    public static TheoryData<bool, bool> ChunkedAndAsync => new() { { false, false }, { false, true }, { true, false }, { true, true } };

    [Theory]
    [MemberData(nameof(ChunkedAndAsync))]
    public async Task A_200_with_a_1_5_GB_body_keeps_64_KiB_closes_the_connection_and_keeps_the_status(bool chunked, bool async)
    {
        await using var agent = new RawAgent(RawReply.Ok, RawReply.Huge(1_500_000_000, chunked: chunked), RawReply.Ok);
        var logger = new ListLogger();
        using var exporter = ManagedHarness.Exporter(agent.Url, logger: logger);
        await Send(exporter, async);

        long before = GC.GetTotalAllocatedBytes(precise: true);
        TraceExporterResponse response = await Send(exporter, async);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal((200, 1), (response.HttpStatusCode, response.AcceptedTraceCount));
        Assert.Equal(Kept, response.Payload.Length);
        Assert.Empty(response.ServiceRates);
        Assert.True(allocated < AllocationBound, $"{allocated} bytes allocated");
        Assert.Contains(logger.Entries, e => e.Id.Id == 8 && e.Message.Contains("64 KiB", StringComparison.Ordinal));

        // The rest was never read: the connection was closed, and the next send opens another.
        Assert.True(agent.BodyBytesSent < 64L * 1024 * 1024, $"{agent.BodyBytesSent} bytes of answer sent");
        TraceExporterResponse next = await Send(exporter, async);
        Assert.True(next.IsOk, next.ToString());
        Assert.Equal("{}", Encoding.UTF8.GetString(next.Payload.Span));
    }

    [Fact]
    public async Task A_libdatadog_answer_of_10_MB_keeps_64_KiB_and_no_rates()
    {
        Conformance.SetResponseBody("{\"rate_by_service\":{\"service:a,env:b\":0.5}" + new string(' ', 10_000_000) + "}");
        var logger = new ListLogger();
        using var exporter = TraceExporter.Create(Conformance.Options(), logger);
        await exporter.SendAsync<TestSpan, TestSpanMarshaller>(Batch.Of([new TestSpan()]));

        long before = GC.GetTotalAllocatedBytes(precise: true);
        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(Batch.Of([new TestSpan()]));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal(Kept, response.Payload.Length);
        Assert.Empty(response.ServiceRates);
        Assert.True(allocated < AllocationBound, $"{allocated} bytes allocated");
        Assert.Contains(logger.Entries, e => e.Id.Id == 8 && e.Message.Contains("64 KiB", StringComparison.Ordinal));
    }

    private static async Task<TraceExporterResponse> Send(TraceExporter exporter, bool async)
        => async ? await exporter.SendTestSpansAsync(Spans.Batch(1, 1)) : exporter.SendTestSpans(Spans.Batch(1, 1));
}
