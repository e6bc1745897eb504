using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using MessagePack;
using SpanMarshal.Testing;
using Xunit;

namespace SpanMarshal.Tests.Managed;

public sealed class TestAgentTests : IAsyncDisposable
{
    private readonly TestAgent _agent = TestAgent.Start();
    private readonly HttpClient _client = new();

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task A_valid_v04_request_is_accepted_and_decoded()
    {
        byte[] body = Body((ref MessagePackWriter w) => Span(ref w, name: "web.request", metricsValue: (ref MessagePackWriter m) => m.Write(7)));

        var response = await Post("/v0.4/traces", body, traceCount: "1");

        Assert.Equal(200, (int)response.StatusCode);
        var span = Assert.Single(_agent.Spans);
        Assert.Equal(("web.request", 5UL, 6UL), (span.Name, span.TraceId, span.SpanId));
        Assert.Equal(7.0, span.Metrics["m"]);
        Assert.Equal("v", span.Meta["k"]);
    }

    [Fact]
    public async Task A_repeated_tag_key_is_last_wins_but_a_repeated_span_key_is_answered_400()
    {
        byte[] tags = Body((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(4);
            w.Write("trace_id");
            w.Write(1);
            w.Write("span_id");
            w.Write(2);
            w.Write("name");
            w.Write("n");
            w.Write("meta");
            w.WriteMapHeader(2);
            w.Write("k");
            w.Write("first");
            w.Write("k");
            w.Write("last");
        });
        byte[] spanKeys = Body((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(4);
            w.Write("trace_id");
            w.Write(1);
            w.Write("span_id");
            w.Write(2);
            w.Write("name");
            w.Write("n");
            w.Write("name");
            w.Write("again");
        });

        var accepted = await Post("/v0.4/traces", tags, traceCount: "1");
        var rejected = await Post("/v0.4/traces", spanKeys, traceCount: "1");

        Assert.Equal((200, 400), ((int)accepted.StatusCode, (int)rejected.StatusCode));
        Assert.Equal("last", Assert.Single(_agent.Spans).Meta["k"]);
        Assert.Contains("duplicate key 'name'", Assert.Single(_agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_content_type_is_answered_415()
    {
        var response = await Post("/v0.4/traces", Body((ref MessagePackWriter w) => Span(ref w)), traceCount: "1", contentType: "application/json");

        Assert.Equal(415, (int)response.StatusCode);
        Assert.Contains("Content-Type", Assert.Single(_agent.ValidationErrors), StringComparison.Ordinal);
        Assert.Empty(_agent.Spans);
    }

    [Fact]
    public async Task A_trace_count_header_that_does_not_match_the_body_is_answered_400()
    {
        var response = await Post("/v0.4/traces", Body((ref MessagePackWriter w) => Span(ref w)), traceCount: "2");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("X-Datadog-Trace-Count", Assert.Single(_agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_tracer_version_is_answered_400()
    {
        var response = await Post("/v0.4/traces", Body((ref MessagePackWriter w) => Span(ref w)), traceCount: "1", tracerVersion: null);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("Tracer-Version", Assert.Single(_agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_span_without_a_name_is_answered_400()
    {
        var response = await Post("/v0.4/traces", Body((ref MessagePackWriter w) => Span(ref w, name: null)), traceCount: "1");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("'name'", Assert.Single(_agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_string_metric_is_answered_400()
    {
        var response = await Post("/v0.4/traces", Body((ref MessagePackWriter w) => Span(ref w, metricsValue: (ref MessagePackWriter m) => m.Write("1"))), traceCount: "1");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("not a number", Assert.Single(_agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_body_is_read_whole()
    {
        byte[] body = Body((ref MessagePackWriter w) => Span(ref w));
        using var content = new StreamContent(new NonSeekableStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/msgpack");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_agent.Url, "/v0.4/traces")) { Content = content };
        request.Headers.Add("X-Datadog-Trace-Count", "1");
        request.Headers.Add("Datadog-Meta-Tracer-Version", "1.0.0");

        var response = await _client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("chunked", Assert.Single(_agent.Requests).Header("Transfer-Encoding"));
        Assert.Single(_agent.Spans);
    }

    [Fact]
    public async Task A_v05_request_is_decoded_through_its_string_table()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(buffer);
        w.WriteArrayHeader(2);
        w.WriteArrayHeader(6);
        foreach (string s in new[] { "", "svc", "op", "res", "k", "v" })
        {
            w.Write(s);
        }

        w.WriteArrayHeader(1);
        w.WriteArrayHeader(1);
        w.WriteArrayHeader(12);
        w.Write(1);
        w.Write(2);
        w.Write(3);
        w.Write(11UL);
        w.Write(12UL);
        w.Write(0UL);
        w.Write(1000L);
        w.Write(50L);
        w.Write(1);
        w.WriteMapHeader(1);
        w.Write(4);
        w.Write(5);
        w.WriteMapHeader(1);
        w.Write(4);
        w.Write(0.5);
        w.Write(0);
        w.Flush();

        var response = await Post("/v0.5/traces", buffer.WrittenSpan.ToArray(), traceCount: "1");

        Assert.Equal(200, (int)response.StatusCode);
        var span = Assert.Single(_agent.Spans);
        Assert.Equal(("svc", "op", "res", "", 11UL, 12UL, 1000L, 50L, 1), (span.Service, span.Name, span.Resource, span.Type, span.TraceId, span.SpanId, span.Start, span.Duration, span.Error));
        Assert.Equal("v", span.Meta["k"]);
        Assert.Equal(0.5, span.Metrics["k"]);
    }

    [Fact]
    public async Task A_v05_span_that_is_not_12_elements_is_answered_400()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(buffer);
        w.WriteArrayHeader(2);
        w.WriteArrayHeader(1);
        w.Write("");
        w.WriteArrayHeader(1);
        w.WriteArrayHeader(1);
        w.WriteArrayHeader(11);
        for (int i = 0; i < 11; i++)
        {
            w.Write(0);
        }

        w.Flush();

        var response = await Post("/v0.5/traces", buffer.WrittenSpan.ToArray(), traceCount: "1");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("11 elements", Assert.Single(_agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_endpoint_is_answered_404()
    {
        var response = await Post("/v0.7/traces", Body((ref MessagePackWriter w) => Span(ref w)), traceCount: "1");

        Assert.Equal(404, (int)response.StatusCode);
    }

    private delegate void WriteValue(ref MessagePackWriter writer);

    private static byte[] Body(WriteValue span)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(buffer);
        w.WriteArrayHeader(1);
        w.WriteArrayHeader(1);
        span(ref w);
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void Span(ref MessagePackWriter w, string? name = "op", WriteValue? metricsValue = null)
    {
        w.WriteMapHeader(name is null ? 4 : 5);
        w.Write("trace_id");
        w.Write(5UL);
        w.Write("span_id");
        w.Write(6UL);
        if (name is not null)
        {
            w.Write("name");
            w.Write(name);
        }

        w.Write("meta");
        w.WriteMapHeader(1);
        w.Write("k");
        w.Write("v");
        w.Write("metrics");
        w.WriteMapHeader(1);
        w.Write("m");
        if (metricsValue is null)
        {
            w.Write(1.5);
        }
        else
        {
            metricsValue(ref w);
        }
    }

    private async Task<HttpResponseMessage> Post(string path, byte[] body, string traceCount, string contentType = "application/msgpack", string? tracerVersion = "1.0.0")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_agent.Url, path)) { Content = content };
        request.Headers.Add("X-Datadog-Trace-Count", traceCount);
        if (tracerVersion is not null)
        {
            request.Headers.Add("Datadog-Meta-Tracer-Version", tracerVersion);
        }

        return await _client.SendAsync(request);
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
