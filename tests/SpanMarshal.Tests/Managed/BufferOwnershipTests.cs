using System;
using System.Linq;
using SpanMarshal.Pipelines.Managed;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.Managed;

public class BufferOwnershipTests
{
    private readonly CountingPool<byte> _bytes = new();
    private readonly CountingPool<int> _ints = new();

    [Fact]
    public void A_batch_owns_its_buffers_until_disposed_and_returns_each_once()
    {
        var batch = EncodedBatch.Create(TraceApiVersion.V04, 25 * 1024 * 1024, new BufferPools(_bytes, _ints));
        batch.Marshal(Spans.Batch(300, 3), 0, ManagedHarness.Writer);

        Assert.Equal((2, 2), (_bytes.Outstanding, _ints.Outstanding)); // body and metrics; trace ends and span counts
        batch.Dispose();
        batch.Dispose();

        Assert.Equal(0, _bytes.Outstanding + _ints.Outstanding);
        Assert.True(_ints.Rented > 1, "300 chunks should have grown the chunk table");
    }

    [Theory]
    [InlineData(FailurePoint.BeforeStart)]
    [InlineData(FailurePoint.AfterStart)]
    public void An_exception_while_marshalling_returns_every_rented_buffer(FailurePoint failure)
    {
        // Enough chunks before the failure that the chunk table has grown.
        var traces = Spans.Batch(400, 3);
        traces.Add([new TestSpan { Name = "bad", Fail = failure, Meta = new() { ["big"] = new string('x', 200_000) } }]);

        Assert.Throws<InvalidOperationException>(() => Encoded.Run(traces, pools: new BufferPools(_bytes, _ints)));

        Assert.True(_ints.Rented > 1, "the chunk table should have grown before the failure");
        Assert.Equal(0, _bytes.Outstanding);
        Assert.Equal(0, _ints.Outstanding);
    }

    [Fact]
    public void A_dropped_over_limit_trace_leaves_nothing_rented_after_dispose()
    {
        var big = Enumerable.Range(0, 50).Select(i => Spans.Typical(0, i)).ToList();

        Encoded encoded = Encoded.Run([big, [Spans.Typical(1, 0)]], 4096, new BufferPools(_bytes, _ints));

        Assert.Equal((1, 50), (encoded.DroppedTraces, encoded.DroppedSpans));

        Assert.Equal(0, _bytes.Outstanding + _ints.Outstanding);
    }
}
