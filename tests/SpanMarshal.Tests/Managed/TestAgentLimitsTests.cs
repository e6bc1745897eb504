using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using Xunit;

namespace SpanMarshal.Tests.Managed;

/// <summary>What a client can make the agent hold is bounded: request size, header section, connections and time.</summary>
public sealed class TestAgentLimitsTests
{
    private const int AgentLimit = 25 * 1024 * 1024;
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_Content_Length_over_25_MiB_is_answered_413_without_waiting_for_the_body()
    {
        await using TestAgent agent = TestAgent.Start();
        using RawConnection connection = await RawConnection.OpenAsync(agent.Url);

        await connection.SendAsync(Head("POST /v0.4/traces", $"Content-Length: {AgentLimit + 1}"));
        string response = await connection.ReadToEndAsync(AnswerTimeout);

        Assert.Equal(413, RawConnection.Status(response));
        ReceivedRequest request = Assert.Single(agent.Requests);
        Assert.Equal((413, "/v0.4/traces"), (request.StatusCode, request.Path));
        Assert.Contains("26214401", Assert.Single(request.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_of_exactly_25_MiB_is_read_and_judged()
    {
        await using TestAgent agent = TestAgent.Start();
        using var client = new AgentClient(agent);

        var response = await client.Post("/v0.4/traces", new byte[AgentLimit], traceCount: "1");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(AgentLimit, Assert.Single(agent.Requests).Body.Length);
    }

    [Fact]
    public async Task More_than_100_headers_are_answered_431()
    {
        await using TestAgent agent = TestAgent.Start();
        using RawConnection connection = await RawConnection.OpenAsync(agent.Url);

        await connection.SendAsync(Head("POST /v0.4/traces", [.. Enumerable.Range(0, 101).Select(i => $"X-Header-{i}: {i}")]));
        string response = await connection.ReadToEndAsync(AnswerTimeout);

        Assert.Equal(431, RawConnection.Status(response));
        Assert.Contains("100 headers", Assert.Single(agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_section_over_64_KiB_is_answered_431()
    {
        await using TestAgent agent = TestAgent.Start();
        using RawConnection connection = await RawConnection.OpenAsync(agent.Url);

        await connection.SendAsync(Head("POST /v0.4/traces", [.. Enumerable.Range(0, 9).Select(i => $"X-Header-{i}: {new string('a', 8 * 1024)}")]));
        string response = await connection.ReadToEndAsync(AnswerTimeout);

        Assert.Equal(431, RawConnection.Status(response));
        Assert.Contains("64 KiB", Assert.Single(agent.ValidationErrors), StringComparison.Ordinal);
    }

    private static string Head(string requestLine, params string[] headers)
        => requestLine + " HTTP/1.1\r\nHost: agent\r\nContent-Type: application/msgpack\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n";
}
