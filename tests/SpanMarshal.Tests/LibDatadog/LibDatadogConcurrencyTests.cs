using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using SpanMarshal.Tests.Support;
using Xunit;
using static SpanMarshal.Tests.Support.Batch;

namespace SpanMarshal.Tests.LibDatadog;

/// <summary>
/// Threads, slow sends, cancellation and disposal. The conformance library aborts the test
/// process if the native exporter is freed while a send is using it, so surviving is part of the check.
/// </summary>
public class LibDatadogConcurrencyTests : NativeTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Disposing_during_a_slow_send_cancels_it_waits_for_it_then_frees_and_later_sends_throw()
    {
        Conformance.SetSendDelay(60_000);
        Conformance.SetCancelLatency(200);
        var exporter = TraceExporter.Create(Conformance.Options());
        Task<TraceExporterResponse> sending = Task.Factory.StartNew(
            () => exporter.Send<TestSpan, TestSpanMarshaller>(Of([new TestSpan()])), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        WaitForSendsInProgress(1);

        var clock = Stopwatch.StartNew();
        exporter.Dispose();
        clock.Stop();

        // Dispose returned only after the send did, although the send took 200 ms to notice the cancel.
        Assert.Equal(0, Conformance.SendsInProgress());
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(150), $"Dispose took only {clock.Elapsed}");
        var disposed = await Assert.ThrowsAsync<ObjectDisposedException>(() => sending);
        Assert.IsAssignableFrom<OperationCanceledException>(disposed.InnerException);
        Assert.True(clock.Elapsed < Patience, $"Dispose took {clock.Elapsed}");
        Recording recording = Conformance.Read();
        Assert.True(Assert.Single(recording.Sends).Cancelled);
        Assert.True(Assert.Single(recording.Exporters).GetProperty("freed").GetBoolean());
        Assert.Throws<ObjectDisposedException>(() => exporter.Send<TestSpan, TestSpanMarshaller>(Of([new TestSpan()])));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => exporter.SendAsync<TestSpan, TestSpanMarshaller>(Of([new TestSpan()])));
        exporter.Dispose();
        Assert.Equal(1, Conformance.Read().CallCount("ddog_trace_exporter_free"));
    }

    [Fact]
    public async Task Disposing_during_a_slow_SendAsync_waits_for_the_native_send_before_freeing()
    {
        Conformance.SetSendDelay(60_000);
        Conformance.SetCancelLatency(200);
        var exporter = TraceExporter.Create(Conformance.Options());
        Task<TraceExporterResponse> sending = exporter.SendAsync<TestSpan, TestSpanMarshaller>(Of([new TestSpan()]));
        WaitForSendsInProgress(1);

        exporter.Dispose();

        Assert.Equal(0, Conformance.SendsInProgress());
        Assert.Equal("SpanMarshal lib", Assert.Single(Conformance.Read().Sends).Thread);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => sending);
        Assert.True(Assert.Single(Conformance.Read().Exporters).GetProperty("freed").GetBoolean());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dispose_waits_a_bounded_time_and_a_send_still_running_frees_the_exporter_when_it_returns(bool disposeAsync)
    {
        // The cancelled send takes 1.5 s to unwind; Dispose waits only 200 ms for it.
        Conformance.SetSendDelay(60_000);
        Conformance.SetCancelLatency(1500);
        var logger = new ListLogger();
        var exporter = TraceExporter.Create(Conformance.Options(), logger);
        exporter.DisposeTimeout = TimeSpan.FromMilliseconds(200);
        var sender = new Thread(() => Assert.Throws<ObjectDisposedException>(() => exporter.Send<TestSpan, TestSpanMarshaller>(Of([new TestSpan()])))) { Name = "SM test sender" };
        sender.Start();
        WaitForSendsInProgress(1);

        var clock = Stopwatch.StartNew();
        if (disposeAsync)
        {
            await exporter.DisposeAsync();
        }
        else
        {
            exporter.Dispose();
        }

        clock.Stop();

        // Dispose came back, and the native exporter is still alive under the running send.
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(180), TimeSpan.FromMilliseconds(1000));
        Assert.Equal(1, Conformance.SendsInProgress());
        Assert.False(Assert.Single(Conformance.Read().Exporters).GetProperty("freed").GetBoolean());
        var warning = Assert.Single(logger.Entries, e => e.Id.Id == 6);
        Assert.Equal("SpanMarshal: 1 send(s) were still running 00:00:00.2000000 after Dispose cancelled them, so the pipeline will be freed when the last of them returns.", warning.Message);
        Assert.Throws<ObjectDisposedException>(() => exporter.Send<TestSpan, TestSpanMarshaller>(Of([new TestSpan()])));

        // The send's own exit frees it, on the send's thread.
        sender.Join();
        var freed = Assert.Single(Conformance.Read().Exporters);
        Assert.True(freed.GetProperty("freed").GetBoolean());
        Assert.Equal("SM test sender", freed.GetProperty("freed_by").GetString());
        Assert.True(Assert.Single(Conformance.Read().Sends).Cancelled);
    }

    [Fact]
    public async Task DisposeAsync_without_sends_frees_at_once_and_is_idempotent()
    {
        var exporter = TraceExporter.Create(Conformance.Options());

        await exporter.DisposeAsync();
        await exporter.DisposeAsync();
        exporter.Dispose();

        Assert.True(Assert.Single(Conformance.Read().Exporters).GetProperty("freed").GetBoolean());
        Assert.Equal(1, Conformance.Read().CallCount("ddog_trace_exporter_free"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => exporter.SendAsync<TestSpan, TestSpanMarshaller>(Of([new TestSpan()])));
    }

    [Fact]
    public void Even_a_pipeline_disposed_under_a_send_frees_the_native_exporter_only_after_the_send_returns()
    {
        // The second line of defence: each binding call holds a reference on the exporter handle.
        Conformance.SetSendDelay(300);
        var pipeline = Pipelines.LibDatadog.LibDatadogPipeline.Create(Configuration.ExporterSettings.Resolve(Conformance.Options()), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var sender = new Thread(() =>
        {
            using Pipelines.TraceBatch batch = pipeline.CreateBatch();
            batch.Marshal(Of([new TestSpan()]), 0, Marshalling.TraceMarshallers.For<TestSpan, TestSpanMarshaller>());
            pipeline.SendAsync(batch, new Pipelines.SendAccount(TracePipelineKind.LibDatadog), final: true, sync: true, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        })
        {
            Name = "SM test sender",
        };
        sender.Start();
        WaitForSendsInProgress(1);

        pipeline.Dispose();
        sender.Join();

        var exporter = Assert.Single(Conformance.Read().Exporters);
        Assert.True(exporter.GetProperty("freed").GetBoolean());
        Assert.Equal("SM test sender", exporter.GetProperty("freed_by").GetString());
    }

    [Fact]
    public async Task Cancelling_a_slow_SendAsync_reaches_the_native_cancel_token()
    {
        Conformance.SetSendDelay(60_000);
        using var exporter = TraceExporter.Create(Conformance.Options());
        using var cancellation = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        Task<TraceExporterResponse> sending = exporter.SendAsync<TestSpan, TestSpanMarshaller>(Of([new TestSpan()]), cancellation.Token);

        // The caller is not blocked by the send: the native call runs elsewhere.
        Assert.False(sending.IsCompleted);
        WaitForSendsInProgress(1);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.True(sending.IsCanceled);
        Assert.True(clock.Elapsed < Patience);
        Recording recording = Conformance.Read();
        RecordedSend send = Assert.Single(recording.Sends);
        Assert.True(send.Cancelled);
        Assert.Equal(1, recording.CallCount("ddog_trace_exporter_cancel_token_cancel"));

        // A cancelled send leaves the exporter usable.
        Conformance.SetSendDelay(0);
        Assert.True((await exporter.SendAsync<TestSpan, TestSpanMarshaller>(Of([new TestSpan()]))).IsOk);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing_and_frees_the_marshalled_chunks()
    {
        using var exporter = TraceExporter.Create(Conformance.Options());

        Task<TraceExporterResponse> sending = exporter.SendAsync<TestSpan, TestSpanMarshaller>(Of([new TestSpan()]), new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Recording recording = Conformance.Read();
        Assert.Empty(recording.Sends);
        Assert.Equal(1, recording.CallCount("ddog_tracer_trace_chunks_free"));
    }

    [Fact]
    public async Task SendAsync_runs_the_blocking_native_send_on_a_dedicated_thread_not_the_thread_pool()
    {
        using var exporter = TraceExporter.Create(Conformance.Options());

        await exporter.SendAsync<TestSpan, TestSpanMarshaller>(Of([new TestSpan()]));
        await Task.Run(() => exporter.Send<TestSpan, TestSpanMarshaller>(Of([new TestSpan()])));

        IReadOnlyList<RecordedSend> sends = Conformance.Read().Sends;
        Assert.Equal("SpanMarshal lib", sends[0].Thread);
        Assert.Equal(".NET TP Worker", sends[1].Thread);
    }

    [Fact]
    public async Task Many_async_sends_to_a_stalled_agent_hold_at_most_four_threads_and_all_complete()
    {
        Conformance.SetSendDelay(150);
        using var exporter = TraceExporter.Create(Conformance.Options());
        int threadsBefore = Process.GetCurrentProcess().Threads.Count;

        Task<TraceExporterResponse>[] sends = [.. Enumerable.Range(1, 40).Select(i => exporter.SendAsync<TestSpan, TestSpanMarshaller>(Of([new TestSpan { SpanId = (ulong)i }])))];
        int mostInProgress = 0, mostThreads = 0;
        while (!sends.All(s => s.IsCompleted))
        {
            mostInProgress = Math.Max(mostInProgress, Conformance.SendsInProgress());
            mostThreads = Math.Max(mostThreads, Process.GetCurrentProcess().Threads.Count);
            await Task.Delay(5);
        }

        Assert.All(await Task.WhenAll(sends), r => Assert.True(r.IsOk, r.ToString()));
        Assert.Equal(40, Conformance.Read().Sends.Count);
        Assert.InRange(mostInProgress, 1, Pipelines.LibDatadog.NativeSendWorker.MaxConcurrentSends);
        Assert.True(mostThreads - threadsBefore <= Pipelines.LibDatadog.NativeSendWorker.MaxConcurrentSends + 4, $"{mostThreads - threadsBefore} more threads");
    }

    [Fact]
    public async Task An_async_send_cancelled_while_waiting_for_a_slot_frees_its_chunks_and_never_reaches_libdatadog()
    {
        Conformance.SetSendDelay(2_000);
        using var exporter = TraceExporter.Create(Conformance.Options());
        using var cancel = new CancellationTokenSource();
        Task<TraceExporterResponse>[] busy = [.. Enumerable.Range(1, 4).Select(i => exporter.SendAsync<TestSpan, TestSpanMarshaller>(Of([new TestSpan { SpanId = (ulong)i }])))];
        WaitForSendsInProgress(4);

        Task<TraceExporterResponse> waiting = exporter.SendAsync<TestSpan, TestSpanMarshaller>(Of([new TestSpan { SpanId = 99 }]), cancel.Token);
        cancel.Cancel();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(cancel.Token, ex.CancellationToken);
        await Task.WhenAll(busy);
        Assert.DoesNotContain(Conformance.Read().Sends, s => s.Chunks[0][0].SpanId == 99);
    }

    [Fact]
    public void A_leaked_exporter_is_freed_by_a_background_thread_never_on_the_finalizer_thread()
    {
        CreateAndLeak();

        var clock = Stopwatch.StartNew();
        while (Conformance.Read().Live["exporter"] != 0 && clock.Elapsed < Patience)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Thread.Sleep(10);
        }

        var exporter = Assert.Single(Conformance.Read().Exporters);
        Assert.True(exporter.GetProperty("freed").GetBoolean());
        Assert.Equal("SpanMarshal exp", exporter.GetProperty("freed_by").GetString());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CreateAndLeak() => TraceExporter.Create(Conformance.Options());

    private static void WaitForSendsInProgress(int count)
    {
        var clock = Stopwatch.StartNew();
        while (Conformance.SendsInProgress() != count)
        {
            Assert.True(clock.Elapsed < Patience, "the send never started");
            Thread.Sleep(1);
        }
    }
}
