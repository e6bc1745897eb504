using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using MessagePack;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using Xunit;

namespace SpanMarshal.Tests.Managed;

/// <summary>GET /info answered as a Datadog agent does, and the endpoints it lists configurable.</summary>
public sealed class TestAgentInfoTests
{
    private static readonly byte[] V04Body = AgentClient.V04((ref MessagePackWriter w) => AgentClient.Span(ref w));
    private static readonly byte[] V05Body = AgentClient.V05((ref MessagePackWriter w) => AgentClient.V05Span(ref w));

    [Fact]
    public async Task Info_is_answered_like_an_agent_and_is_neither_a_request_nor_a_validation_error()
    {
        await using TestAgent agent = TestAgent.Start();
        using var client = new AgentClient(agent);

        var response = await client.Get("/info");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        JsonElement info = JsonDocument.Parse(body).RootElement;
        Assert.False(string.IsNullOrEmpty(info.GetProperty("version").GetString()));
        Assert.Equal(["/v0.4/traces", "/v0.5/traces"], info.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()));
        Assert.False(info.GetProperty("client_drop_p0s").GetBoolean());
        Assert.Equal(JsonValueKind.False, info.GetProperty("span_meta_structs").ValueKind);
        JsonElement config = info.GetProperty("config");
        Assert.Equal((25 * 1024 * 1024, agent.Url.Port), (config.GetProperty("max_request_bytes").GetInt32(), config.GetProperty("receiver_port").GetInt32()));
        Assert.Equal(Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant(), Assert.Single(response.Headers.GetValues("Datadog-Agent-State")));
        Assert.Empty(agent.Requests);
    }

    [Fact]
    public async Task Trace_answers_carry_the_agent_state_and_version_of_info()
    {
        await using TestAgent agent = TestAgent.Start();
        using var client = new AgentClient(agent);

        var info = await client.Get("/info");
        var traces = await client.Post("/v0.4/traces", V04Body, traceCount: "1");

        Assert.Equal(200, (int)traces.StatusCode);
        Assert.Equal(info.Headers.GetValues("Datadog-Agent-State"), traces.Headers.GetValues("Datadog-Agent-State"));
        string version = JsonDocument.Parse(await info.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetString()!;
        Assert.Equal(version, Assert.Single(traces.Headers.GetValues("Datadog-Agent-Version")));
    }

    [Fact]
    public async Task The_config_in_info_is_the_agents_options()
    {
        await using TestAgent agent = TestAgent.Start(new TestAgentOptions { MaxRequestBytes = 1000, MaxConnections = 7, RequestTimeout = TimeSpan.FromMilliseconds(1500) });
        using var client = new AgentClient(agent);

        JsonElement config = JsonDocument.Parse(await (await client.Get("/info")).Content.ReadAsStringAsync()).RootElement.GetProperty("config");

        Assert.Equal((1000, 7, 2), (config.GetProperty("max_request_bytes").GetInt32(), config.GetProperty("connection_limit").GetInt32(), config.GetProperty("receiver_timeout").GetInt32()));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(415)]
    public async Task An_agent_without_v05_does_not_list_it_and_refuses_it_without_a_validation_error(int refusal)
    {
        await using TestAgent agent = TestAgent.Start(new TestAgentOptions { ServeV05Traces = false, V05RefusalStatus = refusal });
        using var client = new AgentClient(agent);

        JsonElement info = JsonDocument.Parse(await (await client.Get("/info")).Content.ReadAsStringAsync()).RootElement;
        var v05 = await client.Post("/v0.5/traces", V05Body, traceCount: "1");
        var v04 = await client.Post("/v0.4/traces", V04Body, traceCount: "1");

        Assert.Equal(["/v0.4/traces"], info.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal((refusal, 200), ((int)v05.StatusCode, (int)v04.StatusCode));
        Assert.Equal([(refusal, "/v0.5/traces"), (200, "/v0.4/traces")], agent.Requests.Select(r => (r.StatusCode ?? 0, r.Path)));
        Assert.Empty(agent.ValidationErrors);
        Assert.Single(agent.Spans);
    }

    [Fact]
    public async Task An_info_probe_leaves_a_scripted_reply_to_the_trace_request()
    {
        await using TestAgent agent = TestAgent.Start();
        using var client = new AgentClient(agent);
        agent.EnqueueReply(AgentReply.Status(503));

        var info = await client.Get("/info");
        var traces = await client.Post("/v0.4/traces", V04Body, traceCount: "1");

        Assert.Equal((200, 503), ((int)info.StatusCode, (int)traces.StatusCode));
    }

    [Fact]
    public async Task Info_by_another_method_than_GET_is_answered_405()
    {
        await using TestAgent agent = TestAgent.Start();
        using var client = new AgentClient(agent);

        var response = await client.Post("/info", [], traceCount: "0");

        Assert.Equal(405, (int)response.StatusCode);
        Assert.Contains("not GET", Assert.Single(agent.ValidationErrors), StringComparison.Ordinal);
    }
}
