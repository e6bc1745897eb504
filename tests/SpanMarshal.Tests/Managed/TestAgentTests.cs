using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using MessagePack;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using Xunit;

namespace SpanMarshal.Tests.Managed;

public sealed class TestAgentTests : AgentTest
{
    [Fact]
    public async Task A_valid_v04_request_is_accepted_and_decoded()
    {
        byte[] body = AgentClient.V04((ref MessagePackWriter w) => AgentClient.Span(ref w, name: "web.request", metricsValue: (ref MessagePackWriter m) => m.Write(7)));

        var response = await Client.Post("/v0.4/traces", body, traceCount: "1");

        Assert.Equal(200, (int)response.StatusCode);
        var span = Assert.Single(Agent.Spans);
        Assert.Equal(("web.request", (UInt128)5, 6UL), (span.Name, span.TraceId, span.SpanId));
        Assert.Equal(7.0, span.Metrics["m"]);
        Assert.Equal("v", span.Meta["k"]);
    }

    [Fact]
    public async Task A_repeated_tag_key_is_last_wins_but_a_repeated_span_key_is_answered_400()
    {
        byte[] tags = AgentClient.V04((ref MessagePackWriter w) =>
        {
            AgentClient.RequiredKeys(ref w, more: 1);
            w.Write("meta");
            w.WriteMapHeader(2);
            w.Write("k");
            w.Write("first");
            w.Write("k");
            w.Write("last");
        });
        byte[] spanKeys = AgentClient.V04((ref MessagePackWriter w) =>
        {
            AgentClient.RequiredKeys(ref w, more: 1);
            w.Write("name");
            w.Write("again");
        });

        var accepted = await Client.Post("/v0.4/traces", tags, traceCount: "1");
        var rejected = await Client.Post("/v0.4/traces", spanKeys, traceCount: "1");

        Assert.Equal((200, 400), ((int)accepted.StatusCode, (int)rejected.StatusCode));
        Assert.Equal("last", Assert.Single(Agent.Spans).Meta["k"]);
        Assert.Contains("duplicate key 'name'", Assert.Single(Agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_content_type_is_answered_415()
    {
        var response = await Client.Post("/v0.4/traces", AgentClient.V04((ref MessagePackWriter w) => AgentClient.Span(ref w)), traceCount: "1", contentType: "application/json");

        Assert.Equal(415, (int)response.StatusCode);
        Assert.Contains("Content-Type", Assert.Single(Agent.ValidationErrors), StringComparison.Ordinal);
        Assert.Empty(Agent.Spans);
    }

    [Fact]
    public async Task A_trace_count_header_that_does_not_match_the_body_is_answered_400()
    {
        var response = await Client.Post("/v0.4/traces", AgentClient.V04((ref MessagePackWriter w) => AgentClient.Span(ref w)), traceCount: "2");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("X-Datadog-Trace-Count", Assert.Single(Agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_tracer_version_is_answered_400()
    {
        var response = await Client.Post("/v0.4/traces", AgentClient.V04((ref MessagePackWriter w) => AgentClient.Span(ref w)), traceCount: "1", tracerVersion: null);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("Tracer-Version", Assert.Single(Agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_span_without_a_name_is_answered_400()
    {
        var response = await Client.Post("/v0.4/traces", AgentClient.V04((ref MessagePackWriter w) => AgentClient.Span(ref w, name: null)), traceCount: "1");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("'name'", Assert.Single(Agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_string_metric_is_answered_400()
    {
        var response = await Client.Post("/v0.4/traces", AgentClient.V04((ref MessagePackWriter w) => AgentClient.Span(ref w, metricsValue: (ref MessagePackWriter m) => m.Write("1"))), traceCount: "1");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("not a number", Assert.Single(Agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_body_is_read_whole()
    {
        byte[] body = AgentClient.V04((ref MessagePackWriter w) => AgentClient.Span(ref w));
        using var content = new StreamContent(new NonSeekableStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/msgpack");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Agent.Url, "/v0.4/traces")) { Content = content };
        request.Headers.Add("X-Datadog-Trace-Count", "1");
        request.Headers.Add("Datadog-Meta-Tracer-Version", "1.0.0");

        var response = await Client.Send(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("chunked", Assert.Single(Agent.Requests).Header("Transfer-Encoding"));
        Assert.Single(Agent.Spans);
    }

    [Fact]
    public async Task A_v05_request_is_decoded_through_its_string_table()
    {
        byte[] body = AgentClient.V05((ref MessagePackWriter w) => AgentClient.V05Span(ref w));

        var response = await Client.Post("/v0.5/traces", body, traceCount: "1");

        Assert.Equal(200, (int)response.StatusCode);
        var span = Assert.Single(Agent.Spans);
        Assert.Equal(("svc", "op", "res", "", (UInt128)11, 12UL, 1000L, 50L, 1), (span.Service, span.Name, span.Resource, span.Type, span.TraceId, span.SpanId, span.Start, span.Duration, span.Error));
        Assert.Equal("v", span.Meta["k"]);
        Assert.Equal(0.5, span.Metrics["k"]);
    }

    [Fact]
    public async Task A_v05_span_that_is_not_12_elements_is_answered_400()
    {
        byte[] body = AgentClient.V05((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(11);
            for (int i = 0; i < 11; i++)
            {
                w.Write(0);
            }
        });

        var response = await Client.Post("/v0.5/traces", body, traceCount: "1");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("11 elements", Assert.Single(Agent.ValidationErrors), StringComparison.Ordinal);
    }

    // The v0.5 rules of agent-api.md, one broken at a time: every element present and typed, strings as table indexes.
    [Theory]
    [InlineData(0, "nil", "service is Nil")]
    [InlineData(1, "string", "name is String, not Integer")]
    [InlineData(2, "index 8", "resource points past the string table")]
    [InlineData(3, "nil", "trace_id is Nil")]
    [InlineData(5, "-1", "parent_id is negative")]
    [InlineData(6, "1.5", "start is Float")]
    [InlineData(8, "nil", "error is Nil")]
    [InlineData(9, "nil", "meta is Nil")]
    [InlineData(10, "string", "metrics is String")]
    [InlineData(11, "nil", "type is Nil")]
    public async Task A_v05_span_element_that_breaks_the_spec_is_answered_400(int element, string value, string reason)
    {
        byte[] body = AgentClient.V05((ref MessagePackWriter w) => AgentClient.V05Span(ref w, broken: element, replacement: Replacement(value)));

        var response = await Client.Post("/v0.5/traces", body, traceCount: "1");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(reason, Assert.Single(Agent.ValidationErrors), StringComparison.Ordinal);
        Assert.Empty(Agent.Spans);
    }

    [Fact]
    public async Task A_v05_meta_value_past_the_string_table_or_a_string_table_entry_that_is_not_a_string_is_answered_400()
    {
        byte[] metaPastTable = AgentClient.MsgPack((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(2);
            w.WriteArrayHeader(1);
            w.Write("");
            w.WriteArrayHeader(1);
            w.WriteArrayHeader(1);
            w.WriteArrayHeader(12);
            for (int i = 0; i < 9; i++)
            {
                w.Write(0);
            }

            w.WriteMapHeader(1);
            w.Write(0);
            w.Write(1);
            w.WriteMapHeader(0);
            w.Write(0);
        });
        byte[] tableEntry = AgentClient.MsgPack((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(2);
            w.WriteArrayHeader(1);
            w.WriteNil();
            w.WriteArrayHeader(0);
        });

        var first = await Client.Post("/v0.5/traces", metaPastTable, traceCount: "1");
        var second = await Client.Post("/v0.5/traces", tableEntry, traceCount: "0");

        Assert.Equal((400, 400), ((int)first.StatusCode, (int)second.StatusCode));
        Assert.Collection(
            Agent.ValidationErrors,
            e => Assert.Contains("meta['']", e, StringComparison.Ordinal),
            e => Assert.Contains("string table entry 0 is Nil", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_endpoint_is_answered_404()
    {
        var response = await Client.Post("/v0.7/traces", AgentClient.V04((ref MessagePackWriter w) => AgentClient.Span(ref w)), traceCount: "1");

        Assert.Equal(404, (int)response.StatusCode);
    }

    private static WriteValue Replacement(string value) => value switch
    {
        "nil" => (ref MessagePackWriter w) => w.WriteNil(),
        "string" => (ref MessagePackWriter w) => w.Write("op"),
        "index 8" => (ref MessagePackWriter w) => w.Write(8),
        "-1" => (ref MessagePackWriter w) => w.Write(-1),
        _ => (ref MessagePackWriter w) => w.Write(1.5),
    };

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
