using System;
using System.Buffers;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using MessagePack;
using SpanMarshal.Testing;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>Writes one msgpack value.</summary>
public delegate void WriteValue(ref MessagePackWriter writer);

/// <summary>Posts hand-made bodies to a <see cref="TestAgent"/> the way a tracer would.</summary>
public sealed class AgentClient : IDisposable
{
    private readonly TestAgent _agent;
    private readonly HttpClient _client = new();

    public AgentClient(TestAgent agent) => _agent = agent;

    public void Dispose() => _client.Dispose();

    public async Task<HttpResponseMessage> Post(string path, byte[] body, string traceCount, string contentType = "application/msgpack", string? tracerVersion = "1.0.0")
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

    public Task<HttpResponseMessage> Send(HttpRequestMessage request) => _client.SendAsync(request);

    public Task<HttpResponseMessage> Get(string path) => _client.GetAsync(new Uri(_agent.Url, path));

    /// <summary>A msgpack document written by <paramref name="write"/>.</summary>
    public static byte[] MsgPack(WriteValue write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A v0.4 body of one chunk holding one span written by <paramref name="span"/>.</summary>
    public static byte[] V04(WriteValue span) => MsgPack((ref MessagePackWriter w) =>
    {
        w.WriteArrayHeader(1);
        w.WriteArrayHeader(1);
        span(ref w);
    });

    /// <summary>A v0.4 span map with trace_id 5, span_id 6, meta k=v and metric m.</summary>
    public static void Span(ref MessagePackWriter w, string? name = "op", WriteValue? metricsValue = null)
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

    /// <summary>A v0.5 body: <paramref name="table"/>, then one chunk of one span whose 12 elements <paramref name="span"/> writes.</summary>
    public static byte[] V05(string[] table, WriteValue span) => MsgPack((ref MessagePackWriter w) =>
    {
        w.WriteArrayHeader(2);
        w.WriteArrayHeader(table.Length);
        foreach (string s in table)
        {
            w.Write(s);
        }

        w.WriteArrayHeader(1);
        w.WriteArrayHeader(1);
        span(ref w);
    });
}
