using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Marshalling;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests;

/// <summary>
/// Spans the agent would drop or show as nonsense are left out by the sink core, counted and
/// warned about, the same way in both pipelines; their neighbours are sent.
/// </summary>
public sealed class SpanValidationTests : NativeTest
{
    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task Spans_with_zero_ids_or_out_of_range_times_are_left_out_counted_and_warned_about(TracePipelineKind pipeline)
    {
        var logger = new ListLogger();
        IReadOnlyList<IReadOnlyList<TestSpan>> traces =
        [
            [
                new TestSpan { SpanId = 1 },
                new TestSpan { SpanId = 2, Start = 0 },
                new TestSpan { SpanId = 3, Start = -1_000 },
                new TestSpan { SpanId = 4, Duration = -1 },
                new TestSpan { SpanId = 0 },
                new TestSpan { SpanId = 6 },
            ],
            [new TestSpan { SpanId = 7, TraceId = 0 }],
        ];

        (TraceExporterResponse response, var received) = await BothPipelines.SendAsync(pipeline, e => e.Send<TestSpan, TestSpanMarshaller>(traces), logger);

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal((1, 1, 5), (response.TraceCount, response.DroppedTraceCount, response.DroppedSpanCount));
        Assert.Equal([1UL, 6UL], received.SelectMany(t => t).Select(s => s.SpanId));
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(
            "SpanMarshal: 1 whole trace(s) and 5 span(s) in all were left out of this send; the first because its start time is not between 1970 " +
            "and 2262 (an unset DateTime, DateTime.MaxValue, or a value the marshaller could not convert).",
            warning.Message);
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task A_string_longer_than_64_MiB_leaves_its_span_out_without_a_byte_of_it_being_read(TracePipelineKind pipeline)
    {
        // The slice claims 3 GB behind a 16-byte buffer: reading it would crash, wrapping its size would corrupt the heap.
        (TraceExporterResponse response, var received) = await BothPipelines.SendAsync(
            pipeline, e => e.Send<TestSpan, HugeResourceMarshaller>([[new TestSpan { SpanId = 1 }, new TestSpan { SpanId = 2, Resource = "huge" }]]));

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal((1, 1), (response.TraceCount, response.DroppedSpanCount));
        Assert.Equal(1UL, Assert.Single(received.SelectMany(t => t)).SpanId);
    }

    [Fact]
    public void A_string_whose_utf8_exceeds_64_MiB_gets_an_unavailable_view_and_no_arena_for_it()
    {
        Utf8Strings strings = Utf8Strings.Rent();
        try
        {
            string huge = new('é', (Utf8Strings.MaxStringBytes / 2) + 1);

            CharSlice view = strings.Get(huge);

            Assert.True(view.IsUnavailable);
            Assert.Equal((nuint)(2 * huge.Length), view.Len);
            Assert.Equal((nuint)3, strings.Get("abc").Len);
        }
        finally
        {
            strings.Return();
        }
    }

    [Theory]
    [MemberData(nameof(BothPipelines.Kinds), MemberType = typeof(BothPipelines))]
    public async Task Extreme_but_valid_values_are_sent_unchanged(TracePipelineKind pipeline)
    {
        var span = new TestSpan { TraceId = ulong.MaxValue, SpanId = ulong.MaxValue, ParentId = ulong.MaxValue, Start = long.MaxValue, Duration = 0 };

        (TraceExporterResponse response, var received) = await BothPipelines.SendAsync(pipeline, e => e.Send<TestSpan, TestSpanMarshaller>([[span]]));

        Assert.True(response.IsOk, response.ToString());
        var s = Assert.Single(received.SelectMany(t => t));
        Assert.Equal((ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, long.MaxValue, 0L), (s.TraceId, s.SpanId, s.ParentId, s.Start, s.Duration));
    }

    private readonly unsafe struct HugeResourceMarshaller : ITraceMarshaller<TestSpan>
    {
        private static readonly byte[] Small = GC.AllocateArray<byte>(16, pinned: true);

        public static void Marshal<TSink>(TestSpan span, ref TSink sink)
            where TSink : struct, ISpanSink
        {
            TracerSpanFields fields = default;
            fields.Name = sink.Utf8(span.Name);
            fields.Resource = span.Resource == "huge" ? new CharSlice((byte*)Unsafe.AsPointer(ref Small[0]), 3_000_000_000u) : sink.Utf8(span.Resource);
            fields.TraceIdLow = 1;
            fields.SpanId = span.SpanId;
            fields.Start = span.Start;
            sink.StartSpan(in fields);
            sink.EndSpan();
        }
    }
}
