using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Support;
using Xunit;
using static SpanMarshal.Tests.Support.Batch;

namespace SpanMarshal.Tests.Load;

/// <summary>
/// Sixteen threads on one exporter of each pipeline, and its disposal racing their sends:
/// every trace is accounted for, what arrived is what was accepted, and no request mixes two sends.
/// </summary>
public sealed class SharedExporterTests : NativeTest
{
    private const int Threads = 16;

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task Sixteen_threads_sending_through_one_exporter_lose_and_mix_nothing(TracePipelineKind pipeline)
    {
        const int SendsPerThread = 20;
        await using TestAgent agent = TestAgent.Start();
        using var exporter = TraceExporter.Create(BothPipelines.Options(pipeline, agent));

        ConcurrentBag<ulong> accepted = Run(Threads, t => Enumerable.Range(0, SendsPerThread).Select(i => Id(t, i)), id =>
        {
            TraceExporterResponse response = id % 20 == 0
                ? exporter.Send<TestSpan, TestSpanMarshaller>(Send(id))
                : exporter.SendAsync<TestSpan, TestSpanMarshaller>(Send(id)).GetAwaiter().GetResult();
            Assert.True(response.IsOk, response.ToString());
            Accounting.AssertAccounted(response, 2);
            Assert.Equal(2, response.AcceptedTraceCount);
            return true;
        });

        Assert.Equal(Threads * SendsPerThread, accepted.Count);
        AssertEachRequestIsOneWholeSend(Requests(pipeline, agent), accepted);
    }

    [Theory]
    [MemberData(nameof(BothPipelines.KindsSyncAndAsync), MemberType = typeof(BothPipelines))]
    public async Task Disposing_under_sixteen_sending_threads_ends_every_send_accounted_and_later_sends_throw(TracePipelineKind pipeline, bool disposeAsync)
    {
        await using TestAgent agent = TestAgent.Start();
        var exporter = TraceExporter.Create(BothPipelines.Options(pipeline, agent));
        int completed = 0;

        // Each thread sends until the exporter is disposed under it, which happens once 100 sends have completed.
        Task disposal = Task.Run(async () =>
        {
            SpinWait.SpinUntil(() => Volatile.Read(ref completed) >= 100, TimeSpan.FromSeconds(30));
            if (disposeAsync)
            {
                await exporter.DisposeAsync();
            }
            else
            {
                exporter.Dispose();
            }
        });
        ConcurrentBag<ulong> accepted = Run(Threads, t => Enumerable.Range(0, 10_000).Select(i => Id(t, i)), id =>
        {
            try
            {
                TraceExporterResponse response = id % 20 == 0
                    ? exporter.Send<TestSpan, TestSpanMarshaller>(Send(id))
                    : exporter.SendAsync<TestSpan, TestSpanMarshaller>(Send(id)).GetAwaiter().GetResult();
                Accounting.AssertAccounted(response, 2);
                Interlocked.Increment(ref completed);
                return response.AcceptedTraceCount == 2 ? true : throw new InvalidOperationException(response.ToString());
            }
            catch (ObjectDisposedException)
            {
                return null;   // the send was cancelled by the disposal, or came after it: the thread stops
            }
        });
        await disposal;

        Assert.InRange(accepted.Count, 100, Threads * 10_000 - 1);
        Assert.Throws<ObjectDisposedException>(() => exporter.Send<TestSpan, TestSpanMarshaller>(Send(1)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => exporter.SendAsync<TestSpan, TestSpanMarshaller>(Send(1)));

        // A send cut by the disposal may still have arrived; an accepted one always did, and nothing arrived twice or mixed.
        List<List<IReadOnlyList<ReceivedSpan>>> requests = Requests(pipeline, agent);
        AssertEachRequestIsOneWholeSend(requests, accepted, allowUnaccepted: true);
    }

    /// <summary>A send of two traces whose ids derive from <paramref name="id"/>: a trace of two spans and a trace of one.</summary>
    private static IReadOnlyList<IReadOnlyList<TestSpan>> Send(ulong id)
        => Of([new TestSpan { TraceId = id, SpanId = id + 1 }, new TestSpan { TraceId = id, SpanId = id + 2, ParentId = id + 1 }], [new TestSpan { TraceId = id + 5, SpanId = id + 6 }]);

    private static ulong Id(int thread, int send) => ((ulong)(thread * 100_000) + (ulong)send + 1) * 10;

    /// <summary>
    /// Runs <paramref name="send"/> for each id of each thread, all threads starting at once; a thread stops at the
    /// first null. Returns the ids whose send returned true; an exception fails the test.
    /// </summary>
    private static ConcurrentBag<ulong> Run(int threads, Func<int, IEnumerable<ulong>> ids, Func<ulong, bool?> send)
    {
        var accepted = new ConcurrentBag<ulong>();
        var failures = new ConcurrentBag<Exception>();
        using var start = new Barrier(threads);
        Thread[] workers = [.. Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                foreach (ulong id in ids(t))
                {
                    bool? result = send(id);
                    if (result is null)
                    {
                        return;
                    }

                    if (result.Value)
                    {
                        accepted.Add(id);
                    }
                }
            }
#pragma warning disable CA1031 // Collected and asserted on the test thread.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add(ex);
            }
        }))];
        Array.ForEach(workers, w => w.Start());
        Array.ForEach(workers, w => w.Join());
        Assert.Empty(failures);
        return accepted;
    }

    /// <summary>The traces of each request that arrived (each libdatadog send is one request).</summary>
    private static List<List<IReadOnlyList<ReceivedSpan>>> Requests(TracePipelineKind pipeline, TestAgent agent)
        => pipeline == TracePipelineKind.Managed
            ? [.. agent.Requests.Where(r => r.StatusCode is >= 200 and < 300).Select(r => r.Traces.ToList())]
            : [.. Conformance.Read().Sends.Select(s => s.Chunks.Select(c => (IReadOnlyList<ReceivedSpan>)[.. c.Select(span => span.ToReceived())]).ToList())];

    private static void AssertEachRequestIsOneWholeSend(List<List<IReadOnlyList<ReceivedSpan>>> requests, ConcurrentBag<ulong> accepted, bool allowUnaccepted = false)
    {
        var arrived = new HashSet<ulong>();
        foreach (List<IReadOnlyList<ReceivedSpan>> traces in requests)
        {
            ulong id = (ulong)traces[0][0].TraceId;
            Assert.Equal([[id, id], [id + 5]], traces.Select(t => t.Select(s => (ulong)s.TraceId)));
            Assert.Equal([[id + 1, id + 2], [id + 6]], traces.Select(t => t.Select(s => s.SpanId)));
            Assert.True(arrived.Add(id), $"the send of {id} arrived twice");
        }

        Assert.Subset(arrived, accepted.ToHashSet());
        if (!allowUnaccepted)
        {
            Assert.Equal(accepted.Count, arrived.Count);
        }
    }
}
