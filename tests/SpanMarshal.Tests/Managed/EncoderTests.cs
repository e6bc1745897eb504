using System;
using System.Collections.Generic;
using System.Linq;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Marshalling;
using SpanMarshal.Pipelines.Managed;
using SpanMarshal.Testing;
using Xunit;

using SpanMarshal.Tests.Support;

namespace SpanMarshal.Tests.Managed;

public class EncoderTests
{
    [Theory]
    [InlineData(TraceApiVersion.V04)]
    [InlineData(TraceApiVersion.V05)]
    public void Decoded_spans_equal_the_source_spans_field_by_field(TraceApiVersion version)
    {
        var traces = Spans.Batch(traces: 5, spansPerTrace: 4);

        var decoded = Encoded.Run(traces, version: version).Decode();

        ExpectedSpan.AssertTraces(traces, decoded);
    }

    [Fact]
    public void The_bytes_equal_MessagePack_CSharps_encoding_of_the_same_spans()
    {
        List<IReadOnlyList<TestSpan>> traces =
        [
            Spans.Batch(1, 20)[0],
            [WithSizes(strings: 40, tags: 16), WithSizes(strings: 300, tags: 3), WithSizes(strings: 70_000, tags: 1)],
            [new TestSpan { Name = "ints", SpanId = 200, ParentId = 70_000, Start = 5, Duration = 200, TraceId = 0x1_0000_0000 }],
            [new TestSpan { Name = "wide ints", SpanId = ulong.MaxValue, ParentId = uint.MaxValue, Start = long.MaxValue, Duration = 3_000_000_000, TraceId = ulong.MaxValue }],
        ];

        byte[] body = Assert.Single(Encoded.Run(traces).Bodies);

        Assert.Equal(ReferenceEncoder.Encode(traces), body);
    }

    [Fact]
    public void Strings_of_every_length_up_to_past_the_short_copy_arrive_byte_for_byte()
    {
        // Each length takes its own copy path (none, 1-3, 4-7, 8-16, 17-32, longer; a cached string of up to
        // 64 bytes is copied as its whole slot, with a fixstr or str8 header); distinct bytes show a byte copied
        // from or to the wrong offset, or past the string's end. The trace is sent three times, so that each meta
        // value is written as first seen (transcoded in place), then as cached on its second sight, then as a hit.
        IReadOnlyList<TestSpan> trace =
            [.. Enumerable.Range(0, 70).Select(length => new TestSpan
            {
                Service = Text(length, 'a'),
                Name = Text(length, 'A'),
                Resource = Text(length, '0'),
                Type = Text(70 - length, 'a'),
                SpanId = (ulong)length + 1,
                Meta = new() { [Text(length + 1, 'k')] = Text(length, 'v') },
                Metrics = new() { [Text(length + 1, 'm')] = length },
            })];
        List<IReadOnlyList<TestSpan>> traces = [trace, trace, trace];

        byte[] body = Assert.Single(Encoded.Run(traces).Bodies);

        Assert.Equal(ReferenceEncoder.Encode(traces), body);

        static string Text(int length, char first) => string.Concat(Enumerable.Range(0, length).Select(i => (char)(first + (i % 26))));
    }

    [Theory]
    [InlineData(TraceApiVersion.V04)]
    [InlineData(TraceApiVersion.V05)]
    public void Keys_written_from_one_reused_buffer_each_arrive_as_written(TraceApiVersion version)
    {
        // v0.5 knows a key by its address: one buffer holding a different key for every tag must not be taken for
        // the key it held before.
        List<IReadOnlyList<TestSpan>> traces =
        [
            [.. Enumerable.Range(0, 3).Select(s => new TestSpan
            {
                SpanId = (ulong)s + 1,
                Meta = new() { ["key.a" + s] = "first", ["key.b" + s] = "second", ["other.key.that.is.longer." + s] = "third" },
            })],
        ];

        var decoded = Encoded.Run(traces, version: version, marshaller: TraceMarshallers.For<TestSpan, ReusedKeyBufferMarshaller>()).Decode();

        Assert.Equal(
            traces[0].Select(span => string.Join(",", span.Meta!.Select(tag => $"{tag.Key}={tag.Value}"))),
            decoded[0].Select(span => string.Join(",", span.Meta.Select(tag => $"{tag.Key}={tag.Value}"))));
    }

    [Theory]
    [InlineData(TraceApiVersion.V04)]
    [InlineData(TraceApiVersion.V05)]
    public void A_128_bit_trace_id_sends_its_low_half_and_tags_the_first_span_of_each_chunk_with_the_high_half(TraceApiVersion version)
    {
        var id = new UInt128(0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210);
        List<IReadOnlyList<TestSpan>> traces =
        [
            [Spans.Typical(0, 0, id), Spans.Typical(0, 1, id)],
            [Spans.Typical(1, 0, id)],
        ];

        var decoded = Encoded.Run(traces, version: version).Decode();

        Assert.All(decoded.SelectMany(t => t), s => Assert.Equal(id, s.TraceId));
        Assert.Equal("0123456789abcdef", decoded[0][0].Meta["_dd.p.tid"]);
        Assert.False(decoded[0][1].Meta.ContainsKey("_dd.p.tid"));
        Assert.Equal("0123456789abcdef", decoded[1][0].Meta["_dd.p.tid"]);
    }

    [Theory]
    [InlineData(TraceApiVersion.V04)]
    [InlineData(TraceApiVersion.V05)]
    public void Each_trace_carries_its_own_high_half_when_consecutive_traces_change_it(TraceApiVersion version)
    {
        // Tracers put the unix seconds in the high half, so it repeats and then changes; a 64-bit id between
        // 128-bit ones gets no tag.
        ulong[] highs = [0x6543_2100_0000_0000, 0x6543_2100_0000_0000, 0x6543_2101_0000_0000, 0, 0x6543_2100_0000_0000, ulong.MaxValue];
        List<IReadOnlyList<TestSpan>> traces = [.. highs.Select((high, t) => (IReadOnlyList<TestSpan>)[Spans.Typical(t, 0, new UInt128(high, (ulong)t + 1))])];

        var decoded = Encoded.Run(traces, version: version).Decode();

        Assert.Equal(
            highs.Select(high => high == 0 ? null : high.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)),
            decoded.Select(trace => trace[0].Meta.GetValueOrDefault("_dd.p.tid")));
    }

    [Theory]
    [InlineData(TraceApiVersion.V04)]
    [InlineData(TraceApiVersion.V05)]
    public void A_64_bit_trace_id_gets_no_high_half_tag(TraceApiVersion version)
    {
        List<IReadOnlyList<TestSpan>> traces = [[Spans.Typical(0, 0, traceId: 42)]];

        var span = Encoded.Run(traces, version: version).Decode()[0][0];

        Assert.False(span.Meta.ContainsKey("_dd.p.tid"));
        Assert.Equal((UInt128)42, span.TraceId);
    }

    [Theory]
    [InlineData(TraceApiVersion.V04)]
    [InlineData(TraceApiVersion.V05)]
    public void Unicode_and_lone_surrogates_arrive_as_valid_utf8(TraceApiVersion version)
    {
        var span = new TestSpan
        {
            Service = "café-☕",
            Name = "日本語.request",
            Resource = "GET /🎉/" + new string('é', 40),
            Type = "web",
            SpanId = 1,
            TraceId = 1,
            Meta = new() { ["ключ"] = "значение 🎉", ["broken"] = "a\uD800b", ["emoji.key.🎉"] = "" },
        };

        var decoded = Encoded.Run([[span]], version: version).Decode();

        ExpectedSpan.AssertReceived(span, decoded[0][0]);
        Assert.Equal("a\uFFFDb", decoded[0][0].Meta["broken"]);
    }

    [Theory]
    [InlineData(TraceApiVersion.V04)]
    [InlineData(TraceApiVersion.V05)]
    public void Tags_larger_than_64_KiB_are_sent_whole(TraceApiVersion version)
    {
        string huge = string.Concat(Enumerable.Repeat("0123456789abcdé", 6000));
        var span = new TestSpan { Name = "big", SpanId = 1, TraceId = 1, Resource = huge, Meta = new() { ["huge"] = huge, ["after"] = "x" } };

        var decoded = Encoded.Run([[span], [Spans.Typical(1, 0)]], version: version).Decode();

        ExpectedSpan.AssertReceived(span, decoded[0][0]);
        ExpectedSpan.AssertReceived(Spans.Typical(1, 0), decoded[1][0]);
    }

    [Theory]
    [InlineData(TraceApiVersion.V04)]
    [InlineData(TraceApiVersion.V05)]
    public void A_mixed_tag_bag_sends_strings_as_meta_numbers_as_metrics_and_counts_the_rest(TraceApiVersion version)
    {
        var span = new TestSpan
        {
            Name = "mixed",
            SpanId = 1,
            TraceId = 1,
            Tags = new()
            {
                ["s"] = "text",
                ["i"] = 42,
                ["l"] = long.MaxValue,
                ["d"] = 1.5,
                ["f"] = 2.5f,
                ["m"] = 3.25m,
                ["u"] = (ushort)7,
                ["bool"] = true,
                ["date"] = DateTime.UnixEpoch,
                ["null"] = null,
            },
        };

        var encoded = Encoded.Run([[span]], version: version);
        var received = encoded.Decode()[0][0];

        ExpectedSpan.AssertReceived(span, received);
        Assert.Equal(2, encoded.SkippedTags);
        Assert.False(received.Meta.ContainsKey("null"));
    }

    [Theory]
    [InlineData(TraceApiVersion.V04)]
    [InlineData(TraceApiVersion.V05)]
    public void Null_strings_are_empty_and_null_meta_values_are_left_out(TraceApiVersion version)
    {
        var span = new TestSpan { Service = null, Name = null, Resource = null, Type = null, SpanId = 9, TraceId = 9, Meta = new() { ["present"] = "yes", ["absent"] = null } };

        var received = Encoded.Run([[span]], version: version).Decode()[0][0];

        Assert.Equal(("", "", "", ""), (received.Service, received.Name, received.Resource, received.Type));
        Assert.Equal(new Dictionary<string, string> { ["present"] = "yes" }, received.Meta);
        Assert.Empty(received.Metrics);
    }

    [Theory]
    [InlineData(TraceApiVersion.V04)]
    [InlineData(TraceApiVersion.V05)]
    public void Null_spans_and_null_traces_are_dropped_and_counted_and_their_neighbours_kept(TraceApiVersion version)
    {
        List<IReadOnlyList<TestSpan>> traces =
        [
            [Spans.Typical(0, 0), null!, Spans.Typical(0, 2)],
            null!,
            [Spans.Typical(2, 0)],
        ];

        var encoded = Encoded.Run(traces, version: version);
        var decoded = encoded.Decode();

        Assert.Equal((1, 1), (encoded.DroppedTraces, encoded.DroppedSpans));
        Assert.Equal(2, decoded.Count);
        ExpectedSpan.AssertTraces([[Spans.Typical(0, 0), Spans.Typical(0, 2)], [Spans.Typical(2, 0)]], decoded);
    }

    [Theory]
    [InlineData(TraceApiVersion.V04)]
    [InlineData(TraceApiVersion.V05)]
    public void More_than_15_meta_and_metrics_and_65536_spans_use_wider_headers(TraceApiVersion version)
    {
        var wide = WithSizes(strings: 5, tags: 70_000);
        var chunk = Enumerable.Range(0, 70_000).Select(i => new TestSpan { Name = "n", SpanId = (ulong)i + 1, TraceId = 3 }).ToList();

        var decoded = Encoded.Run([[wide], chunk], version: version).Decode();

        ExpectedSpan.AssertReceived(wide, decoded[0][0]);
        Assert.Equal(70_000, decoded[1].Count);
        Assert.Equal(70_000UL, decoded[1][^1].SpanId);
    }

    [Theory]
    [InlineData(TraceApiVersion.V04)]
    [InlineData(TraceApiVersion.V05)]
    public void Many_chunks_keep_their_order_and_an_empty_trace_is_left_out_and_counted(TraceApiVersion version)
    {
        var traces = Spans.Batch(traces: 1000, spansPerTrace: 2);
        var withEmpty = new List<IReadOnlyList<TestSpan>>(traces);
        withEmpty.Insert(500, []);

        var encoded = Encoded.Run(withEmpty, version: version);

        ExpectedSpan.AssertTraces(traces, encoded.Decode());
        Assert.Equal((1, 0), (encoded.DroppedTraces, encoded.DroppedSpans));
    }

    [Fact]
    public void An_empty_batch_is_an_empty_array()
    {
        Assert.Equal(new byte[] { 0x90 }, Assert.Single(Encoded.Run([]).Bodies));
        Assert.Equal(new byte[] { 0x92, 0x90, 0x90 }, Assert.Single(Encoded.Run([], version: TraceApiVersion.V05).Bodies));
    }

    [Theory]
    [InlineData(TraceApiVersion.V04)]
    [InlineData(TraceApiVersion.V05)]
    public void A_batch_over_the_limit_is_split_at_chunk_boundaries_and_each_request_fits(TraceApiVersion version)
    {
        var traces = Spans.Batch(traces: 50, spansPerTrace: 3);
        const int limit = 4096;

        var encoded = Encoded.Run(traces, limit, version: version);

        Assert.True(encoded.Bodies.Count > 1, "the batch should need several requests");
        Assert.All(encoded.Bodies, body => Assert.True(body.Length <= limit, $"a {body.Length}-byte request exceeds {limit}"));
        ExpectedSpan.AssertTraces(traces, encoded.Decode());
    }

    [Theory]
    [InlineData(TraceApiVersion.V04)]
    [InlineData(TraceApiVersion.V05)]
    public void A_single_trace_over_the_limit_is_dropped_and_its_spans_counted(TraceApiVersion version)
    {
        // Large in v0.5 too, where repeated strings cost an index each.
        var big = Enumerable.Range(0, 200).Select(i => Spans.Typical(1, i)).ToList();
        List<IReadOnlyList<TestSpan>> traces = [[Spans.Typical(0, 0)], big, [Spans.Typical(2, 0)]];

        var encoded = Encoded.Run(traces, maxRequestBytes: 4096, version: version);

        Assert.Equal(200, encoded.DroppedSpans);
        ExpectedSpan.AssertTraces([traces[0], traces[2]], encoded.Decode());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_v04_trace_is_sent_up_to_the_last_byte_the_limit_allows(bool withMetrics)
    {
        // Cached strings are copied as whole slots when there is room: at the very end of a request there is
        // not, and the exact size must decide. What the limit must leave beyond the body is only the worst case
        // of two headers the encoder cannot know in advance (the request's array, the last span's metrics map),
        // 5 bytes each of which 1 is used; one byte less leaves the trace out. Without metrics, the last write
        // before the span's end is a cached meta value, so its copy is the one that meets the limit.
        var trace = Enumerable.Range(0, 12).Select(i => Spans.Typical(0, i)).ToList();
        if (!withMetrics)
        {
            trace.ForEach(span => span.Metrics!.Clear());
        }

        List<IReadOnlyList<TestSpan>> traces = [trace];
        byte[] whole = Assert.Single(Encoded.Run(traces).Bodies);
        int limit = whole.Length + (2 * (MsgPack.MaxHeaderBytes - 1));

        var fits = Encoded.Run(traces, maxRequestBytes: limit);
        var tooSmall = Encoded.Run(traces, maxRequestBytes: limit - 1);

        Assert.Equal(whole, Assert.Single(fits.Bodies));
        Assert.Equal((0, 0), (fits.DroppedTraces, fits.DroppedSpans));
        Assert.Equal(trace.Count, tooSmall.DroppedSpans);
    }

    [Theory]
    [InlineData(FailurePoint.BeforeStart)]
    [InlineData(FailurePoint.AfterStart)]
    public void An_exception_from_a_span_getter_propagates_and_the_next_batch_encodes_correctly(FailurePoint failure)
    {
        foreach (TraceApiVersion version in (TraceApiVersion[])[TraceApiVersion.V04, TraceApiVersion.V05])
        {
            List<IReadOnlyList<TestSpan>> bad = [[Spans.Typical(0, 0), new TestSpan { Name = "x", Fail = failure }]];

            var ex = Assert.Throws<InvalidOperationException>(() => Encoded.Run(bad, version: version));
            var traces = Spans.Batch(3, 3);
            var decoded = Encoded.Run(traces, version: version).Decode();

            Assert.Contains("getter failed", ex.Message, StringComparison.Ordinal);
            ExpectedSpan.AssertTraces(traces, decoded);
        }
    }

    private static TestSpan WithSizes(int strings, int tags) => new()
    {
        Service = new string('s', strings),
        Name = "sized",
        Resource = new string('r', strings),
        Type = "t",
        SpanId = 5,
        TraceId = new UInt128(1, 5),
        Meta = Enumerable.Range(0, tags).ToDictionary(i => "meta." + i, i => (string?)("v" + i)),
        Metrics = Enumerable.Range(0, tags).ToDictionary(i => "metric." + i, i => (double)i),
    };
}
