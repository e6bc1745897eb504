using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
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
    public async Task Extreme_but_valid_values_are_sent_unchanged(TracePipelineKind pipeline)
    {
        var span = new TestSpan { TraceId = ulong.MaxValue, SpanId = ulong.MaxValue, ParentId = ulong.MaxValue, Start = long.MaxValue, Duration = 0 };

        (TraceExporterResponse response, var received) = await BothPipelines.SendAsync(pipeline, e => e.Send<TestSpan, TestSpanMarshaller>([[span]]));

        Assert.True(response.IsOk, response.ToString());
        var s = Assert.Single(received.SelectMany(t => t));
        Assert.Equal((ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, long.MaxValue, 0L), (s.TraceId, s.SpanId, s.ParentId, s.Start, s.Duration));
    }
}
