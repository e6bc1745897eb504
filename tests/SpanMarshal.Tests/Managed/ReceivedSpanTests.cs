using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MessagePack;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using Xunit;

namespace SpanMarshal.Tests.Managed;

public sealed class ReceivedSpanTests : AgentTest
{
    private static readonly UInt128 Id128 = new(0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210);

    [Fact]
    public async Task Every_v04_span_gets_the_128_bit_trace_id_of_its_chunk_from_the_first_spans_dd_p_tid()
    {
        byte[] body = AgentClient.MsgPack((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(2);
            w.WriteArrayHeader(2);
            V04Span(ref w, spanId: 1, tid: "0123456789abcdef");
            V04Span(ref w, spanId: 2, tid: null);
            w.WriteArrayHeader(1);
            V04Span(ref w, spanId: 3, tid: null);
        });

        var response = await Client.Post("/v0.4/traces", body, traceCount: "2");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal([Id128, Id128, (UInt128)0xFEDC_BA98_7654_3210], Agent.Spans.Select(s => s.TraceId));
    }

    [Fact]
    public async Task Every_v05_span_gets_the_128_bit_trace_id_of_its_chunk_from_the_first_spans_dd_p_tid()
    {
        byte[] body = AgentClient.V05Body((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(1);
            w.WriteArrayHeader(2);
            AgentClient.V05Span(ref w, spanId: 1, tid: true);
            AgentClient.V05Span(ref w, spanId: 2);
        });

        var response = await Client.Post("/v0.5/traces", body, traceCount: "1");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal([new UInt128(0x0123_4567_89AB_CDEF, 11), new UInt128(0x0123_4567_89AB_CDEF, 11)], Agent.Spans.Select(s => s.TraceId));
    }

    [Theory]
    [InlineData("0123456789ABCDEF")]
    [InlineData("123456789abcdef")]
    [InlineData("0123456789abcdef0")]
    [InlineData("0x23456789abcdef")]
    [InlineData("")]
    public async Task A_dd_p_tid_that_is_not_16_lowercase_hex_digits_is_answered_400(string tid)
    {
        byte[] body = AgentClient.V04((ref MessagePackWriter w) => V04Span(ref w, spanId: 1, tid));

        var response = await Client.Post("/v0.4/traces", body, traceCount: "1");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("_dd.p.tid", Assert.Single(Agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public void Spans_with_the_same_fields_and_tags_are_equal_whatever_their_dictionaries()
    {
        ReceivedSpan a = Span(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, new Dictionary<string, double> { ["m"] = 1.5, ["nan"] = double.NaN });
        ReceivedSpan b = Span(new SortedDictionary<string, string> { ["b"] = "2", ["a"] = "1" }, new Dictionary<string, double> { ["nan"] = double.NaN, ["m"] = 1.5 });

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Spans_that_differ_in_one_tag_or_field_are_not_equal()
    {
        ReceivedSpan span = Span(new Dictionary<string, string> { ["a"] = "1" }, new Dictionary<string, double> { ["m"] = 1.5 });

        Assert.NotEqual(span, Span(new Dictionary<string, string> { ["a"] = "2" }, new Dictionary<string, double> { ["m"] = 1.5 }));
        Assert.NotEqual(span, Span(new Dictionary<string, string> { ["a"] = "1" }, new Dictionary<string, double> { ["m"] = 2.5 }));
        Assert.NotEqual(span, Span(new Dictionary<string, string> { ["a"] = "1", ["b"] = "" }, new Dictionary<string, double> { ["m"] = 1.5 }));
        Assert.NotEqual(span, span with { TraceId = new UInt128(1, 5) });
    }

    [Fact]
    public void ToString_shows_every_field_and_tag_with_long_values_shortened()
    {
        ReceivedSpan span = Span(new Dictionary<string, string> { ["b"] = new string('x', 100), ["a"] = "1" }, new Dictionary<string, double> { ["m"] = 1.5 });

        Assert.Equal(
            "op svc/res/web trace=5 span=6 parent=0 start=1 duration=2 error=0 meta={a=1, b=" + new string('x', 40) + "...(100 chars)} metrics={m=1.5}",
            span.ToString());
    }

    private static ReceivedSpan Span(IReadOnlyDictionary<string, string> meta, IReadOnlyDictionary<string, double> metrics)
        => new("svc", "op", "res", "web", 5, 6, 0, 1, 2, 0, meta, metrics);

    private static void V04Span(ref MessagePackWriter w, ulong spanId, string? tid)
    {
        AgentClient.RequiredKeys(ref w, more: 1, traceId: 0xFEDC_BA98_7654_3210UL, spanId);
        w.Write("meta");
        w.WriteMapHeader(tid is null ? 0 : 1);
        if (tid is not null)
        {
            w.Write("_dd.p.tid");
            w.Write(tid);
        }
    }
}
