using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.Managed;

/// <summary>
/// What each of the managed pipeline's timeouts bounds: ConnectTimeout the connection, ResponseTimeout
/// a stretch without progress (never an upload that keeps moving), SendTimeout the whole send; sync
/// sends exactly as async ones. They time wall-clock durations, so they run alone (the serial
/// collection): a machine busy with the other tests would stretch them.
/// </summary>
[Collection(NativeSerial.Name)]
public sealed class TimeoutTests
{
    // Under the 2 s that sync sends used to overrun by, with room for a loaded 2-core machine.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(1500);

    public static TheoryData<bool> SyncAndAsync => [false, true];

    /// <summary><paramref name="mebibytes"/> traces of one span with a 1 MiB tag each.</summary>
    private static List<IReadOnlyList<TestSpan>> Large(int mebibytes)
        => [.. Enumerable.Range(0, mebibytes).Select(i => (IReadOnlyList<TestSpan>)[new TestSpan { TraceId = (ulong)i + 1, SpanId = 1, Meta = new() { ["blob"] = new string('x', 1024 * 1024) } }])];

    private static async Task<TraceExporterResponse> SendAsync(TraceExporter exporter, IReadOnlyList<IReadOnlyList<TestSpan>> traces, bool async)
        => async ? await exporter.SendAsync<TestSpan, TestSpanMarshaller>(traces) : exporter.Send<TestSpan, TestSpanMarshaller>(traces);

    [Theory]
    [MemberData(nameof(SyncAndAsync))]
    public async Task An_8_MiB_batch_to_an_agent_reading_2_MiB_per_second_arrives_once_with_the_default_timeouts(bool async)
    {
        await using var agent = new RawAgent(RawReply.Throttled(2 * 1024 * 1024));
        using var exporter = TraceExporter.Create(new TraceExporterOptions { AgentUrl = agent.Url, Pipeline = TracePipelineKind.Managed });

        TraceExporterResponse response = await SendAsync(exporter, Large(8), async);

        // About 4 s of upload: longer than ConnectTimeout (3 s), which used to cut it and retry it 5 times.
        Assert.True(response.IsOk, response.ToString());
        Assert.Equal((1, 1), (agent.RequestsStarted, agent.BodiesReceived));
        Assert.Equal(8, response.TraceCount);
    }

    [Theory]
    [MemberData(nameof(SyncAndAsync))]
    public async Task An_agent_that_stalls_after_its_status_is_cut_after_ResponseTimeout_not_later_and_its_status_stands(bool async)
    {
        // The first send warms up (JIT, connection) so that the clock measures the timeout alone.
        await using var agent = new RawAgent(RawReply.Ok, RawReply.Of(RawFault.StallAfterHeaders));
        // 1 s, not less: on a loaded machine a continuation can wait a few hundred ms for a thread, and a
        // status read late would be cut and retried (still within the bound below, but not what is tested).
        var options = ManagedHarness.Options(agent.Url, timeout: TimeSpan.FromSeconds(1));
        var logger = new ListLogger();
        using var exporter = ManagedHarness.Exporter(options, ManagedHarness.FastRetries, logger);
        await SendAsync(exporter, Spans.Batch(1, 1), async);

        var clock = Stopwatch.StartNew();
        TraceExporterResponse response = await SendAsync(exporter, Spans.Batch(1, 1), async);
        clock.Stop();

        // The 200 arrived, so the agent took the trace: a timeout (which a caller would retry) would send it twice.
        // The body is cut on time (a sync read cut under it used to throw ObjectDisposedException or overrun by 2 s).
        Assert.True(response.IsOk, response.ToString());
        Assert.Equal((200, 1), (response.HttpStatusCode, response.AcceptedTraceCount));
        Assert.Equal(2, agent.RequestsStarted);
        Assert.Contains(logger.Entries, e => e.Id.Id == 8 && e.Message.Contains("no progress for 00:00:01 (ResponseTimeout)", StringComparison.Ordinal));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(980), TimeSpan.FromSeconds(1) + Slack);
    }

    [Theory]
    [MemberData(nameof(SyncAndAsync))]
    public async Task An_agent_that_never_answers_times_out_after_ResponseTimeout_not_later(bool async)
    {
        await using var agent = new RawAgent(RawReply.Ok, RawReply.Of(RawFault.StallBeforeAnswer));
        var options = ManagedHarness.Options(agent.Url, timeout: TimeSpan.FromMilliseconds(400));
        using var exporter = ManagedHarness.Exporter(options, ManagedHarness.FastRetries with { MaxAttempts = 1 });
        await SendAsync(exporter, Spans.Batch(1, 1), async);

        var clock = Stopwatch.StartNew();
        TraceExporterResponse response = await SendAsync(exporter, Spans.Batch(1, 1), async);
        clock.Stop();

        Assert.True(response.IsInternalError, response.ToString());
        Assert.Equal(TraceExporterErrorCode.TimedOut, response.ErrorCode);
        Assert.Equal("the agent made no progress for 00:00:00.4000000 (ResponseTimeout)", response.ErrorMessage);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(380), TimeSpan.FromMilliseconds(400) + Slack);
    }

    [Theory]
    [MemberData(nameof(SyncAndAsync))]
    public async Task A_stalled_agent_is_retried_and_SendTimeout_ends_the_send_with_a_timeout(bool async)
    {
        await using var agent = new RawAgent(RawReply.Ok, RawReply.Of(RawFault.StallBeforeAnswer));
        var options = ManagedHarness.Options(agent.Url, timeout: TimeSpan.FromMilliseconds(300), sendTimeout: TimeSpan.FromMilliseconds(1000));
        using var exporter = ManagedHarness.Exporter(options, ManagedHarness.FastRetries with { MaxAttempts = 100 });
        await SendAsync(exporter, Spans.Batch(1, 1), async);

        var clock = Stopwatch.StartNew();
        TraceExporterResponse response = await SendAsync(exporter, Spans.Batch(1, 1), async);
        clock.Stop();

        Assert.Equal(TraceExporterErrorCode.TimedOut, response.ErrorCode);
        Assert.InRange(agent.RequestsStarted - 1, 2, 4);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromMilliseconds(1000) + Slack);
    }

    [Theory]
    [MemberData(nameof(SyncAndAsync))]
    public async Task A_connection_the_agent_never_accepts_times_out_after_ConnectTimeout(bool async)
    {
        using UnacceptingListener listener = await UnacceptingListener.StartAsync();
        var options = ManagedHarness.Options(listener.Url);
        options.ConnectTimeout = TimeSpan.FromMilliseconds(300);
        using var exporter = ManagedHarness.Exporter(options, ManagedHarness.FastRetries with { MaxAttempts = 1 });

        var clock = Stopwatch.StartNew();
        TraceExporterResponse response = await SendAsync(exporter, Spans.Batch(1, 1), async);
        clock.Stop();

        Assert.Equal(TraceExporterErrorCode.TimedOut, response.ErrorCode);
        Assert.StartsWith("no connection to the agent within 00:00:00.3000000 (ConnectTimeout)", response.ErrorMessage, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(280), TimeSpan.FromMilliseconds(300) + Slack);
    }
}
