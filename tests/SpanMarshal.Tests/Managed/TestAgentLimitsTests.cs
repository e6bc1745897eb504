using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MessagePack;
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

        string response = await ExchangeAsync(agent, Head("POST /v0.4/traces", $"Content-Length: {AgentLimit + 1}"));

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

    [Theory]
    [InlineData(101, 1, "more than 100 headers")]
    [InlineData(9, 8 * 1024, "over 64 KiB")]
    public async Task A_request_head_over_its_limits_is_answered_431(int headers, int valueLength, string reason)
    {
        await using TestAgent agent = TestAgent.Start();

        string response = await ExchangeAsync(agent, Head("POST /v0.4/traces", [.. Enumerable.Range(0, headers).Select(i => $"X-Header-{i}: {new string('a', valueLength)}")]));

        Assert.Equal(431, RawConnection.Status(response));
        Assert.Contains(reason, Assert.Single(agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Content_Length_over_the_limit_with_Expect_100_continue_is_answered_413_instead_of_100()
    {
        await using TestAgent agent = TestAgent.Start(new TestAgentOptions { MaxRequestBytes = 1000 });

        string response = await ExchangeAsync(agent, Head("POST /v0.4/traces", "Content-Length: 1001", "Expect: 100-continue"));

        Assert.Equal(413, RawConnection.Status(response));
    }

    [Fact]
    public async Task A_chunked_body_that_grows_over_the_limit_is_answered_413()
    {
        await using TestAgent agent = TestAgent.Start(new TestAgentOptions { MaxRequestBytes = 1000 });
        string chunk = "258\r\n" + new string('x', 600) + "\r\n";

        string response = await ExchangeAsync(agent, Head("POST /v0.4/traces", "Transfer-Encoding: chunked") + chunk + chunk + "0\r\n\r\n");

        Assert.Equal(413, RawConnection.Status(response));
        Assert.Contains("1000 bytes", Assert.Single(agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_that_trickles_in_is_answered_408_after_the_request_timeout()
    {
        await using TestAgent agent = TestAgent.Start(new TestAgentOptions { RequestTimeout = TimeSpan.FromSeconds(1) });
        using RawConnection connection = await RawConnection.OpenAsync(agent.Url);
        await connection.SendAsync("POST /v0.4/traces HTTP/1.1\r\nX-Slow: ");
        using var stop = new CancellationTokenSource();
        Task trickle = Task.Run(async () =>
        {
            try
            {
                // One byte every 100 ms: never idle, never done.
                while (!stop.IsCancellationRequested)
                {
                    await Task.Delay(100);
                    await connection.SendAsync("a");
                }
            }
            catch (SocketException)
            {
                // The agent closed the connection.
            }
        });

        string response = await connection.ReadToEndAsync(AnswerTimeout);
        stop.Cancel();
        await trickle;

        Assert.Equal(408, RawConnection.Status(response));
        Assert.Contains("RequestTimeout", Assert.Single(agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_that_sends_nothing_is_closed_after_the_idle_timeout_unanswered()
    {
        await using TestAgent agent = TestAgent.Start(new TestAgentOptions { IdleTimeout = TimeSpan.FromMilliseconds(300) });
        using RawConnection connection = await RawConnection.OpenAsync(agent.Url);

        string response = await connection.ReadToEndAsync(AnswerTimeout);

        Assert.Equal("", response);
        Assert.Empty(agent.Requests);
    }

    [Fact]
    public async Task Connections_over_the_limit_are_answered_503_and_the_agent_serves_again_when_they_close()
    {
        await using TestAgent agent = TestAgent.Start(new TestAgentOptions { MaxConnections = 4 });
        var held = new List<RawConnection>();
        for (int i = 0; i < 4; i++)
        {
            held.Add(await RawConnection.OpenAsync(agent.Url));
        }

        using (RawConnection extra = await RawConnection.OpenAsync(agent.Url))
        {
            Assert.Equal(503, RawConnection.Status(await extra.ReadToEndAsync(AnswerTimeout)));
        }

        held.ForEach(c => c.Dispose());
        using var client = new AgentClient(agent);
        int status = 0;
        for (int attempt = 0; attempt < 100 && status != 200; attempt++)
        {
            // The agent frees a slot when it sees the close, which races with the next connect.
            await Task.Delay(attempt * 10);
            status = (int)(await client.Post("/v0.4/traces", AgentClient.V04((ref MessagePackWriter w) => AgentClient.Span(ref w)), traceCount: "1")).StatusCode;
        }

        Assert.Equal(200, status);
        Assert.Contains(agent.ValidationErrors, e => e.Contains("4 connections", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispose_returns_promptly_while_clients_hold_requests_open_and_a_reply_stalls()
    {
        TestAgent agent = TestAgent.Start();
        agent.DefaultReply = AgentReply.Stall(TimeSpan.FromMinutes(5));
        var connections = new List<RawConnection>();
        using var client = new AgentClient(agent);
        try
        {
            for (int i = 0; i < 10; i++)
            {
                RawConnection connection = await RawConnection.OpenAsync(agent.Url);
                connections.Add(connection);
                await connection.SendAsync(i % 2 == 0 ? "POST /v0.4/tra" : Head("POST /v0.4/traces", "Content-Length: 1000") + "partial");
            }

            Task<System.Net.Http.HttpResponseMessage> stalled = client.Post("/v0.4/traces", AgentClient.V04((ref MessagePackWriter w) => AgentClient.Span(ref w)), traceCount: "1");
            await agent.WaitForRequestsAsync(1, AnswerTimeout);

            await agent.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

            await Assert.ThrowsAnyAsync<Exception>(() => stalled);
        }
        finally
        {
            connections.ForEach(c => c.Dispose());
        }
    }

    [Theory]
    [InlineData(nameof(TestAgentOptions.MaxRequestBytes))]
    [InlineData(nameof(TestAgentOptions.MaxConnections))]
    [InlineData(nameof(TestAgentOptions.V05RefusalStatus))]
    [InlineData(nameof(TestAgentOptions.IdleTimeout))]
    [InlineData(nameof(TestAgentOptions.RequestTimeout))]
    public void An_option_out_of_range_is_refused_when_the_agent_starts(string option)
    {
        var options = option switch
        {
            nameof(TestAgentOptions.MaxRequestBytes) => new TestAgentOptions { MaxRequestBytes = 0 },
            nameof(TestAgentOptions.MaxConnections) => new TestAgentOptions { MaxConnections = -1 },
            nameof(TestAgentOptions.V05RefusalStatus) => new TestAgentOptions { V05RefusalStatus = 200 },
            nameof(TestAgentOptions.IdleTimeout) => new TestAgentOptions { IdleTimeout = TimeSpan.Zero },
            _ => new TestAgentOptions { RequestTimeout = TimeSpan.FromMilliseconds(-2) },
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TestAgent.Start(options));

        Assert.Equal(option, error.ParamName);
    }

    // Sends a request on a connection of its own and reads until the agent closes it.
    private static async Task<string> ExchangeAsync(TestAgent agent, string request)
    {
        using RawConnection connection = await RawConnection.OpenAsync(agent.Url);
        await connection.SendAsync(request);
        return await connection.ReadToEndAsync(AnswerTimeout);
    }

    private static string Head(string requestLine, params string[] headers)
        => requestLine + " HTTP/1.1\r\nHost: agent\r\nContent-Type: application/msgpack\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n";
}
