using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Threading.Tasks;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SpanMarshal.Tests.Load;

/// <summary>
/// Many spans through one exporter of each pipeline: every trace arrives, and the managed heap, the
/// process's handles and the native objects stay flat after warm-up. CI runs 100 000 spans (10 000 sends);
/// <c>SPANMARSHAL_SOAK_SPANS=10000000</c> runs the soak of docs/reliability.md.
/// </summary>
public sealed class SoakTests : NativeTest
{
    private const int TracesPerSend = 2, SpansPerTrace = 5, SendsPerRound = 500;
    private const int SpansPerSend = TracesPerSend * SpansPerTrace, SpansPerRound = SpansPerSend * SendsPerRound;

    // Pools and caches (ArrayPool's per-thread and per-core arrays among them) fill in steps of up to
    // 3 MiB during the first few thousand sends; a leak is a slope that goes on after them.
    private const int MaxWarmUpRounds = 20;

    // After warm-up the live heap moves within a band as pools trim and refill: tens of KiB in the CI
    // run, up to 2 MiB over a 10-million-span run's 12 minutes. Growth may be at most the larger of
    // 512 KiB and 4 bytes per measured send: the CI run's 5 000 sends catch a leak of 105 bytes per
    // send, and a long run any leak at all (the smallest object is 24 bytes).
    private const long HeapSlack = 512 * 1024, HeapSlackPerSend = 4;
    private const int HandleSlack = 8;

    private readonly ITestOutputHelper _output;

    public SoakTests(ITestOutputHelper output) => _output = output;

    private static long SpanCount => long.TryParse(Environment.GetEnvironmentVariable("SPANMARSHAL_SOAK_SPANS"), NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : 100_000;

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task Spans_through_one_exporter_all_arrive_and_leave_heap_handles_and_native_objects_flat(TracePipelineKind pipeline)
    {
        long rounds = Math.Max(8, SpanCount / SpansPerRound);
        long warmUpRounds = Math.Min(rounds / 2, MaxWarmUpRounds);
        await using TestAgent agent = TestAgent.Start();
        List<IReadOnlyList<TestSpan>> batch = Spans.Batch(TracesPerSend, SpansPerTrace);
        long accepted = 0, sends = 0;
        (long Heap, int Handles) warm = default, end = default;
        var samples = new List<(long Heap, int Handles)>();
        var clock = new Stopwatch();

        using (var exporter = TraceExporter.Create(BothPipelines.Options(pipeline, agent)))
        {
            for (long round = 0; round < rounds; round++)
            {
                if (round == warmUpRounds)
                {
                    warm = Measure();
                    clock.Start();
                }

                var ids = new HashSet<UInt128>();
                for (int s = 0; s < SendsPerRound; s++, sends++)
                {
                    foreach (IReadOnlyList<TestSpan> trace in batch)
                    {
                        // Distinct trace ids per send, so what arrives can be matched to what was sent.
                        UInt128 id = new UInt128((ulong)sends + 1, (ulong)ids.Count + 1);
                        ids.Add(id);
                        foreach (TestSpan span in trace)
                        {
                            span.TraceId = id;
                        }
                    }

                    TraceExporterResponse response = s % 2 == 0
                        ? exporter.Send<TestSpan, TestSpanMarshaller>(batch)
                        : await exporter.SendAsync<TestSpan, TestSpanMarshaller>(batch);
                    Assert.True(response.IsOk, response.ToString());
                    Accounting.AssertAccounted(response, TracesPerSend);
                    Assert.Equal(TracesPerSend, response.AcceptedTraceCount);
                    accepted += response.AcceptedTraceCount;
                }

                AssertArrivedAndForget(pipeline, agent, ids);
                if (round > warmUpRounds && (round - warmUpRounds) % Math.Max(1, (rounds - warmUpRounds) / 8) == 0)
                {
                    samples.Add(Measure());
                }
            }

            clock.Stop();
            end = Measure();
        }

        long spans = rounds * SpansPerRound;
        long measured = (rounds - warmUpRounds) * SpansPerRound;
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{pipeline}: {spans:N0} spans in {sends:N0} sends, {accepted:N0} traces accepted; heap after warm-up {warm.Heap:N0} B, at the end {end.Heap:N0} B; handles {warm.Handles} -> {end.Handles}; {measured:N0} spans after warm-up in {clock.Elapsed.TotalSeconds:F1} s = {measured / clock.Elapsed.TotalSeconds:N0} spans/s; working set {Environment.WorkingSet:N0} B; samples (heap/handles) {string.Join(", ", samples.Select(x => $"{x.Heap:N0}/{x.Handles}"))}"));
        Assert.Equal(rounds * SendsPerRound * TracesPerSend, accepted);
        long slack = Math.Max(HeapSlack, HeapSlackPerSend * measured / SpansPerSend);
        Assert.True(end.Heap - warm.Heap < slack, $"the heap grew from {warm.Heap:N0} to {end.Heap:N0} bytes, more than {slack:N0}");
        Assert.True(end.Handles - warm.Handles <= HandleSlack, $"the process's handles went from {warm.Handles} to {end.Handles}");

        // NativeTest's disposal checks that no native object is still alive.
    }

    /// <summary>What the agent (or the conformance library) got this round is exactly what was sent; then it forgets it, so its memory stays flat too.</summary>
    private static void AssertArrivedAndForget(TracePipelineKind pipeline, TestAgent agent, HashSet<UInt128> ids)
    {
        List<UInt128> spanTraceIds;
        if (pipeline == TracePipelineKind.Managed)
        {
            spanTraceIds = [.. agent.Spans.Select(s => s.TraceId)];
            agent.Clear();
        }
        else
        {
            spanTraceIds = Conformance.ReadSpanTraceIds();
            Conformance.Reset();
        }

        Assert.Equal(ids.Count * SpansPerTrace, spanTraceIds.Count);
        Assert.True(ids.SetEquals(spanTraceIds), "the spans that arrived are not the ones sent");
        Assert.All(spanTraceIds.CountBy(id => id), c => Assert.Equal(SpansPerTrace, c.Value));
    }

    private static (long Heap, int Handles) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();

        // The bytes that survive a compacting full collection: live objects only, not the free space between them.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        long heap = GC.GetGCMemoryInfo(GCKind.FullBlocking).PromotedBytes;
        return (heap, OperatingSystem.IsLinux() ? Directory.GetFileSystemEntries("/proc/self/fd").Length : Process.GetCurrentProcess().HandleCount);
    }
}
