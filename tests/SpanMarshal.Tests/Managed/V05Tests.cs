using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using MessagePack;
using SpanMarshal.Configuration;
using SpanMarshal.Marshalling;
using SpanMarshal.Pipelines.Managed;
using SpanMarshal.Testing;
using SpanMarshal.Testing.Decoding;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.Managed;

/// <summary>The v0.5 intake format: what it encodes, how requests carry their string tables, and when the pipeline uses it.</summary>
public class V05Tests
{
    [Fact]
    public void V04_and_v05_agree_field_by_field_on_the_same_spans()
    {
        List<IReadOnlyList<TestSpan>> traces =
        [
            .. Spans.Batch(traces: 20, spansPerTrace: 5),
            [new TestSpan { Service = null, Name = "", Resource = "é🎉\uD800", Type = null, SpanId = 7, TraceId = new UInt128(9, 7), Meta = new() { [""] = "", ["k"] = null } }],
            [Wide(meta: 40, length: 300)],
        ];

        var v04 = Encoded.Run(traces, version: TraceApiVersion.V04).Decode();
        var v05 = Encoded.Run(traces, version: TraceApiVersion.V05).Decode();

        Assert.Equal(traces.Count, v05.Count);
        Assert.Equal(v04, v05);
    }

    [Fact]
    public void V05_writes_each_distinct_string_once_per_request_and_fewer_bytes_than_v04()
    {
        var traces = Spans.Batch(traces: 50, spansPerTrace: 4);

        byte[] v04 = Assert.Single(Encoded.Run(traces, version: TraceApiVersion.V04).Bodies);
        byte[] v05 = Assert.Single(Encoded.Run(traces, version: TraceApiVersion.V05).Bodies);
        string[] table = StringTable(v05);

        Assert.Equal(table.Distinct(StringComparer.Ordinal).Count(), table.Length);
        Assert.Contains("https://shop.example/products/49", table);
        Assert.True(v05.Length * 2 < v04.Length, $"v0.5 took {v05.Length} bytes, v0.4 {v04.Length}");
    }

    [Fact]
    public void Each_request_carries_only_the_strings_of_its_own_traces_and_fits_the_limit()
    {
        // A distinct route per trace: every request's table must hold its own routes and no other's.
        var traces = Enumerable.Range(0, 60).Select(t => (IReadOnlyList<TestSpan>)[.. Enumerable.Range(0, 3).Select(s => WithRoute(t, s))]).ToList();
        const int limit = 2048;

        var encoded = Encoded.Run(traces, limit, version: TraceApiVersion.V05);

        Assert.True(encoded.Bodies.Count > 3, "the batch should need several requests");
        Assert.All(encoded.Bodies, body => Assert.True(body.Length <= limit, $"a {body.Length}-byte request exceeds {limit}"));
        int first = 0;
        foreach (byte[] body in encoded.Bodies)
        {
            var decoded = TraceDecoderV05.Decode(body);
            string[] routes = [.. StringTable(body).Where(s => s.StartsWith("/route/", StringComparison.Ordinal))];
            Assert.Equal(Enumerable.Range(first, decoded.Count).Select(t => "/route/" + t.ToString(CultureInfo.InvariantCulture)), routes);
            first += decoded.Count;
        }

        ExpectedSpan.AssertTraces(traces, encoded.Decode());
    }

    [Fact]
    public void A_tail_kept_for_the_next_fill_keeps_its_table_and_the_next_fill_adds_to_it()
    {
        var traces = Enumerable.Range(0, 40).Select(t => (IReadOnlyList<TestSpan>)[WithRoute(t, 0), WithRoute(t, 1)]).ToList();
        const int limit = 1500;
        using EncodedBatch batch = EncodedBatch.Create(TraceApiVersion.V05, limit, BufferPools.Shared);
        var bodies = new List<byte[]>();

        // As ManagedPipeline does: each fill sends what is closed and keeps the open tail unless it is the last fill.
        int next = 0;
        int keptTails = 0;
        while (next < traces.Count)
        {
            int end = Math.Min(traces.Count, next + 2);
            next = batch.Marshal(traces.GetRange(0, end), next, ManagedHarness.Writer);
            bool final = next == traces.Count;
            int sent = 0;
            while (sent < batch.ChunkCount)
            {
                BatchSlice slice = batch.Slice(sent, limit);
                if (!final && sent + slice.ChunkCount == batch.ChunkCount && batch.IsOpen(sent))
                {
                    keptTails++;
                    break;
                }

                bodies.Add(EncodedBatch.ToArray(slice));
                sent += slice.ChunkCount;
            }

            batch.RemoveFirst(sent);
        }

        Assert.True(keptTails > 3, "fills should have kept their tail for the next");
        Assert.True(bodies.Count > 3, "the traces should need several requests");
        ExpectedSpan.AssertTraces(traces, [.. bodies.SelectMany(body => TraceDecoderV05.Decode(body))]);
    }

    [Fact]
    public void A_refused_v05_request_re_encoded_as_v04_is_byte_for_byte_what_v04_writes()
    {
        List<IReadOnlyList<TestSpan>> traces = [.. Spans.Batch(traces: 10, spansPerTrace: 3), [Wide(meta: 20, length: 70)]];
        using EncodedBatch v05 = EncodedBatch.Create(TraceApiVersion.V05, 25 * 1024 * 1024, BufferPools.Shared);
        v05.Marshal(traces, 0, ManagedHarness.Writer);

        using EncodedBatch v04 = V04Fallback.ToV04(v05.Slice(0, int.MaxValue), 25 * 1024 * 1024, BufferPools.Shared, out var tooLarge);

        Assert.Equal((0, 0), tooLarge);
        Assert.Equal(Assert.Single(Encoded.Run(traces, version: TraceApiVersion.V04).Bodies), EncodedBatch.ToArray(v04.Slice(0, int.MaxValue)));
    }

    [Theory]
    [InlineData(true, "/v0.5/traces")]
    [InlineData(false, "/v0.4/traces")]
    public async Task Auto_sends_v05_when_the_agents_info_lists_it_else_v04(bool agentServesV05, string expectedPath)
    {
        await using var agent = TestAgent.Start(new TestAgentOptions { ServeV05Traces = agentServesV05 });
        var traces = Spans.Batch(traces: 5, spansPerTrace: 3);
        (TraceExporter exporter, ManagedPipeline pipeline) = Create(agent.Url, TraceApiVersion.Auto);
        using (exporter)
        {
            await pipeline.ApiVersion.Probe!;

            TraceExporterResponse response = await exporter.SendTestSpansAsync(traces);

            Assert.True(response.IsOk, response.ToString());
        }

        ReceivedRequest request = Assert.Single(agent.Requests, r => r.Path.Contains("/traces", StringComparison.Ordinal));
        Assert.Equal(expectedPath, request.Path);
        Assert.Empty(agent.ValidationErrors);
        ExpectedSpan.AssertTraces(traces, agent.Traces);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(415)]
    public async Task An_agent_that_refuses_v05_gets_the_same_traces_as_v04_and_v04_from_then_on(int refusal)
    {
        await using var agent = TestAgent.Start(new TestAgentOptions { ServeV05Traces = false, V05RefusalStatus = refusal });
        var first = Spans.Batch(traces: 4, spansPerTrace: 2);
        var second = Spans.Batch(traces: 3, spansPerTrace: 2);
        (TraceExporter exporter, _) = Create(agent.Url, TraceApiVersion.V05);
        using (exporter)
        {
            TraceExporterResponse response = exporter.SendTestSpans(first);
            Assert.True(response.IsOk, response.ToString());
            Assert.Equal(first.Count, response.AcceptedTraceCount);

            Assert.True(exporter.SendTestSpans(second).IsOk);
        }

        Assert.Equal(["/v0.5/traces", "/v0.4/traces", "/v0.4/traces"], agent.Requests.Select(r => r.Path));
        Assert.Equal(refusal, agent.Requests[0].StatusCode);
        Assert.Empty(agent.ValidationErrors);
        ExpectedSpan.AssertTraces([.. first, .. second], agent.Traces);
    }

    [Fact]
    public async Task Pinned_v05_with_a_small_request_limit_delivers_every_trace_in_valid_requests()
    {
        await using var agent = TestAgent.Start();
        var traces = Enumerable.Range(0, 300).Select(t => (IReadOnlyList<TestSpan>)[WithRoute(t, 0), WithRoute(t, 1), WithRoute(t, 2)]).ToList();
        (TraceExporter exporter, _) = Create(agent.Url, TraceApiVersion.V05, new ManagedPipelineSettings { MaxRequestBytes = 8 * 1024, MaxAttempts = 1 });
        using (exporter)
        {
            TraceExporterResponse response = await exporter.SendTestSpansAsync(traces);

            Assert.True(response.IsOk, response.ToString());
            Assert.Equal(traces.Count, response.AcceptedTraceCount);
        }

        Assert.True(agent.Requests.Count > 5);
        Assert.All(agent.Requests, r => Assert.Equal("/v0.5/traces", r.Path));
        Assert.All(agent.Requests, r => Assert.True(r.Body.Length <= 8 * 1024));
        Assert.Empty(agent.ValidationErrors);
        ExpectedSpan.AssertTraces(traces, agent.Traces);
    }

    [Fact]
    public async Task Pinned_v04_never_asks_the_agent()
    {
        await using var agent = TestAgent.Start();
        (TraceExporter exporter, ManagedPipeline pipeline) = Create(agent.Url, TraceApiVersion.V04);
        using (exporter)
        {
            Assert.Null(pipeline.ApiVersion.Probe);
            Assert.True(exporter.SendTestSpans(Spans.Batch(2, 2)).IsOk);
        }

        Assert.Equal(["/v0.4/traces"], agent.Requests.Select(r => r.Path));
    }

    [Theory]
    [InlineData(TraceApiVersion.Auto, "v0.5", TraceApiVersion.V05)]
    [InlineData(TraceApiVersion.Auto, " v0.4 ", TraceApiVersion.V04)]
    [InlineData(TraceApiVersion.Auto, null, TraceApiVersion.Auto)]
    [InlineData(TraceApiVersion.V04, "v0.5", TraceApiVersion.V04)]
    public void The_option_wins_over_DD_TRACE_API_VERSION(TraceApiVersion option, string? variable, TraceApiVersion expected)
    {
        var settings = ExporterSettings.Resolve(new TraceExporterOptions { ApiVersion = option }, name => name == "DD_TRACE_API_VERSION" ? variable : null);

        Assert.Equal(expected, settings.ApiVersion);
    }

    [Fact]
    public void A_malformed_DD_TRACE_API_VERSION_is_an_error_naming_it_and_its_value()
    {
        var ex = Assert.Throws<ArgumentException>(() => ExporterSettings.Resolve(new TraceExporterOptions(), name => name == "DD_TRACE_API_VERSION" ? "0.5" : null));

        Assert.Equal("DD_TRACE_API_VERSION is '0.5', which is not an intake version (v0.4 or v0.5).", ex.Message);
    }

    private static (TraceExporter Exporter, ManagedPipeline Pipeline) Create(Uri agent, TraceApiVersion version, ManagedPipelineSettings? settings = null)
    {
        TraceExporterOptions options = ManagedHarness.Options(agent);
        options.ApiVersion = version;
        var logger = new ListLogger();
        var pipeline = new ManagedPipeline(ExporterSettings.Resolve(options, _ => null), logger, settings ?? ManagedHarness.FastRetries);
        return (new TraceExporter(pipeline, logger), pipeline);
    }

    private static TestSpan WithRoute(int trace, int index)
    {
        TestSpan span = Spans.Typical(trace, index);
        span.Meta["http.route"] = "/route/" + trace.ToString(CultureInfo.InvariantCulture);
        return span;
    }

    private static TestSpan Wide(int meta, int length) => new()
    {
        Name = "wide",
        SpanId = 11,
        TraceId = 11,
        Resource = new string('r', length),
        Meta = Enumerable.Range(0, meta).ToDictionary(i => "meta." + i, i => (string?)new string((char)('a' + (i % 26)), length)),
        Metrics = Enumerable.Range(0, meta).ToDictionary(i => "metric." + i, i => (double)i),
    };

    private static string[] StringTable(byte[] body)
    {
        var reader = new MessagePackReader(body);
        reader.ReadArrayHeader();
        var table = new string[reader.ReadArrayHeader()];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = reader.ReadString()!;
        }

        return table;
    }
}
