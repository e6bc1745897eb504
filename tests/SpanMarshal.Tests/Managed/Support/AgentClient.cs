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

    /// <summary>Starts a v0.4 span map of its three required keys (trace_id, span_id, name) and <paramref name="more"/> others, which the caller writes.</summary>
    public static void RequiredKeys(ref MessagePackWriter w, int more, ulong traceId = 1, ulong spanId = 2, string name = "n")
    {
        w.WriteMapHeader(3 + more);
        w.Write("trace_id");
        w.Write(traceId);
        w.Write("span_id");
        w.Write(spanId);
        w.Write("name");
        w.Write(name);
    }

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

    /// <summary>The string table <see cref="V05Span"/> indexes.</summary>
    public static readonly string[] V05Table = ["", "svc", "op", "res", "k", "v", "_dd.p.tid", "0123456789abcdef"];

    /// <summary>A v0.5 body: <see cref="V05Table"/>, then the traces array <paramref name="traces"/> writes.</summary>
    public static byte[] V05Body(WriteValue traces) => MsgPack((ref MessagePackWriter w) =>
    {
        w.WriteArrayHeader(2);
        w.WriteArrayHeader(V05Table.Length);
        foreach (string s in V05Table)
        {
            w.Write(s);
        }

        traces(ref w);
    });

    /// <summary>A v0.5 body of one chunk holding the one span <paramref name="span"/> writes.</summary>
    public static byte[] V05(WriteValue span) => V05Body((ref MessagePackWriter w) =>
    {
        w.WriteArrayHeader(1);
        w.WriteArrayHeader(1);
        span(ref w);
    });

    /// <summary>
    /// A v0.5 span over <see cref="V05Table"/>: service svc, name op, resource res, trace_id 11, span_id
    /// <paramref name="spanId"/>, parent_id 0, start 1000, duration 50, error 1, meta {k: v} (and _dd.p.tid
    /// 0123456789abcdef when <paramref name="tid"/>), metrics {k: 0.5}, type "", with element
    /// <paramref name="broken"/> written by <paramref name="replacement"/> instead.
    /// </summary>
    public static void V05Span(ref MessagePackWriter w, ulong spanId = 12, bool tid = false, int broken = -1, WriteValue? replacement = null)
    {
        w.WriteArrayHeader(12);
        for (int element = 0; element < 12; element++)
        {
            if (element == broken)
            {
                replacement!(ref w);
                continue;
            }

            switch (element)
            {
                case 0 or 1 or 2: w.Write(element + 1); break;
                case 3: w.Write(11UL); break;
                case 4: w.Write(spanId); break;
                case 5: w.Write(0UL); break;
                case 6: w.Write(1000L); break;
                case 7: w.Write(50L); break;
                case 8: w.Write(1); break;
                case 9:
                    w.WriteMapHeader(tid ? 2 : 1);
                    w.Write(4);
                    w.Write(5);
                    if (tid)
                    {
                        w.Write(6);
                        w.Write(7);
                    }

                    break;
                case 10:
                    w.WriteMapHeader(1);
                    w.Write(4);
                    w.Write(0.5);
                    break;
                default: w.Write(0); break;
            }
        }
    }
}
