using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CsCheck;
using MessagePack;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using Xunit;

namespace SpanMarshal.Tests.Managed;

/// <summary>
/// Whatever a client sends, the agent answers it with an HTTP status, records it, stays usable,
/// and its Dispose neither throws nor hangs.
/// </summary>
public sealed class TestAgentHostileInputTests : AgentTest
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_str32_of_length_minus_one_is_answered_400_and_recorded_as_a_validation_error()
    {
        byte[] body = [0x91, 0x91, 0x81, 0xDB, 0xFF, 0xFF, 0xFF, 0xFF];

        var response = await Client.Post("/v0.4/traces", body, traceCount: "1");

        Assert.Equal(400, (int)response.StatusCode);
        ReceivedRequest request = Assert.Single(Agent.Requests);
        Assert.Equal(400, request.StatusCode);
        Assert.Contains(request.ValidationErrors, e => e.StartsWith("undecodable payload", StringComparison.Ordinal));
        await AssertStillUsableAsync();
    }

    [Fact]
    public async Task An_unknown_span_key_whose_value_is_malformed_is_answered_400()
    {
        // An array32 header of 2^32-1 elements is skipped as if it were empty by MessagePackReader.Skip.
        byte[] body = AgentClient.V04((ref MessagePackWriter w) =>
        {
            AgentClient.RequiredKeys(ref w, more: 1);
            w.Write("span_links");
            w.WriteRaw(new byte[] { 0xDD, 0xFF, 0xFF, 0xFF, 0xFF });
        });

        var response = await Client.Post("/v0.4/traces", body, traceCount: "1");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("span_links", Assert.Single(Agent.ValidationErrors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Random_bodies_are_each_answered_200_or_400_and_theAgent_stays_usable()
    {
        await Gen.Select(Gen.OneOf("/v0.4/traces", "/v0.5/traces"), Gen.Byte.Array[0, 300])
            .SampleAsync(async (path, body) => AssertAnswered(await Client.Post(path, body, traceCount: "1")), iter: 400);

        AssertEveryRecordIsConsistent();
        await AssertStillUsableAsync();
    }

    [Fact]
    public async Task Mutations_of_valid_bodies_are_each_answered_200_or_400_and_theAgent_stays_usable()
    {
        await Gen.Select(Gen.Int[0, ValidBodies.Length - 1], Mutation.Array[1, 6])
            .SampleAsync(
                async (which, mutations) =>
                {
                    (string path, byte[] valid) = ValidBodies[which];
                    AssertAnswered(await Client.Post(path, Mutate(valid, mutations), traceCount: "2"));
                },
                iter: 600);

        AssertEveryRecordIsConsistent();
        await AssertStillUsableAsync();
    }

    [Fact]
    public async Task Random_bytes_instead_of_a_request_are_answered_with_an_HTTP_status_and_theAgent_stays_usable()
    {
        Gen<byte[]> garbage = Gen.OneOf(
            Gen.Byte.Array[1, 400],
            Gen.Select(Gen.OneOf("GET / HTTP/1.1\r\n", "POST /v0.4/traces HTTP/1.1\r\n", "POST /v0.4/traces HTTP/1.1\r\nContent-Length: 9\r\n\r\n", "GET /info HTTP/1.0\r\n"), Gen.Char.AlphaNumeric.Array[0, 80], Gen.OneOf("", "\r\n", "\n", ": ", "\r\n\r\n", "Transfer-Encoding: chunked\r\n\r\nzz\r\n"))
                .Select((head, noise, end) => Encoding.Latin1.GetBytes(head + new string(noise) + end)));

        await garbage.SampleAsync(
            async bytes =>
            {
                using RawConnection connection = await RawConnection.OpenAsync(Agent.Url);
                await connection.SendAsync(bytes);
                connection.EndSending();
                string response = await connection.ReadToEndAsync(AnswerTimeout);
                Assert.True(RawConnection.Status(response) is not null, $"not an HTTP answer: '{response}'");
            },
            iter: 300,
            print: bytes => Convert.ToHexString(bytes));

        await AssertStillUsableAsync();
    }

    private static readonly (string Path, byte[] Body)[] ValidBodies =
    [
        ("/v0.4/traces", AgentClient.MsgPack((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(2);
            w.WriteArrayHeader(2);
            AgentClient.Span(ref w, name: "first");
            AgentClient.Span(ref w, name: "second");
            w.WriteArrayHeader(1);
            AgentClient.Span(ref w, name: "third");
        })),
        ("/v0.5/traces", AgentClient.V05Body((ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(2);
            w.WriteArrayHeader(2);
            AgentClient.V05Span(ref w, spanId: 1, tid: true);
            AgentClient.V05Span(ref w, spanId: 2);
            w.WriteArrayHeader(1);
            AgentClient.V05Span(ref w, spanId: 3);
        })),
    ];

    // Bytes that start the msgpack headers a hostile length hides behind, and the usual edge values.
    private static readonly Gen<byte> Interesting = Gen.OneOf(Gen.Byte, Gen.OneOf<byte>(0x00, 0x7F, 0x80, 0x90, 0xA0, 0xC0, 0xC1, 0xC4, 0xC6, 0xC7, 0xC9, 0xCB, 0xCF, 0xD3, 0xD9, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF, 0xFF));

    private static readonly Gen<(int Kind, int Position, byte Value)> Mutation = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 200], Interesting);

    private static byte[] Mutate(byte[] valid, (int Kind, int Position, byte Value)[] mutations)
    {
        var bytes = new List<byte>(valid);
        foreach ((int kind, int position, byte value) in mutations)
        {
            int at = bytes.Count == 0 ? 0 : position % bytes.Count;
            switch (kind)
            {
                case 0 when bytes.Count > 0: bytes[at] = value; break;
                case 1: bytes.Insert(at, value); break;
                case 2 when bytes.Count > 0: bytes.RemoveRange(at, Math.Min(1 + (value % 8), bytes.Count - at)); break;
                case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                case 4: bytes.InsertRange(at, [value, 0xFF, 0xFF, 0xFF, 0xFF]); break;
            }
        }

        return [.. bytes];
    }

    private static void AssertAnswered(System.Net.Http.HttpResponseMessage response)
        => Assert.True((int)response.StatusCode is 200 or 400, $"answered {(int)response.StatusCode}");

    private void AssertEveryRecordIsConsistent()
        => Assert.All(Agent.Requests, r =>
        {
            Assert.True(r.StatusCode is 200 or 400, $"recorded {r.StatusCode}");
            Assert.Equal(r.StatusCode == 400, r.ValidationErrors.Count != 0);
        });

    private async Task AssertStillUsableAsync()
    {
        Agent.Clear();
        var response = await Client.Post("/v0.4/traces", AgentClient.V04((ref MessagePackWriter w) => AgentClient.Span(ref w)), traceCount: "1");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Single(Agent.Spans);
        await Agent.DisposeAsync();
    }
}
