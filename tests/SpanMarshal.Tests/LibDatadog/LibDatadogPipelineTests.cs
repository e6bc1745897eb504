using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Marshalling;
using SpanMarshal.Tests.Support;
using Xunit;
using static SpanMarshal.Tests.Support.Batch;

namespace SpanMarshal.Tests.LibDatadog;

/// <summary>TraceExporter over the libdatadog pipeline: what reaches libdatadog for each span and what comes back.</summary>
public class LibDatadogPipelineTests : NativeTest
{
    [Fact]
    public void With_recording_off_the_conformance_library_keeps_nothing_and_frees_everything_it_was_given()
    {
        using var exporter = TraceExporter.Create(Conformance.Options());
        Conformance.SetRecording(false);

        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(Of([new TestSpan(), new TestSpan { SpanId = 3 }], [new TestSpan { TraceId = 5 }]));

        // What the benchmarks of the binding rely on: sends work, and no span or chunk set outlives its send.
        Assert.True(response.IsOk, response.ToString());
        Assert.Equal(2, response.AcceptedTraceCount);
        Recording recording = Conformance.Read();
        Assert.Empty(recording.Sends);
        Assert.Equal(0, recording.CallCount("ddog_tracer_span_new"));
        Assert.Equal((0L, 0L), (recording.Live["span"], recording.Live["chunks"]));
    }

    [Fact]
    public void Every_field_meta_and_metric_reaches_libdatadog_one_chunk_per_trace()
    {
        var root = new TestSpan { Resource = "GET /users/{id}", Service = "api", Name = "http.request", Type = "web", TraceId = 10, SpanId = 11, Start = 123, Duration = 456, Error = true };
        root.Meta["http.method"] = "GET";
        root.Metrics["_sampling_priority_v1"] = 1;
        var child = new TestSpan { Resource = "SELECT 1", Name = "db.query", Type = "sql", TraceId = 10, SpanId = 12, ParentId = 11 };
        var other = new TestSpan { TraceId = 20, SpanId = 21 };
        using var exporter = TraceExporter.Create(Conformance.Options());

        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(Of([root, child], [other]));

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal(2, response.TraceCount);
        Assert.Equal(TracePipelineKind.LibDatadog, exporter.Pipeline);
        RecordedSend send = Assert.Single(Conformance.Read().Sends);
        Assert.Equal(2, send.Capacity);
        Assert.Equal([2L, 1L], send.ChunkCapacities);
        Assert.Equal([2, 1], send.Chunks.Select(c => c.Count));
        RecordedSpan r = send.Chunks[0][0];
        Assert.Equal(("api", "http.request", "GET /users/{id}", "web"), (r.Service, r.Name, r.Resource, r.Type));
        Assert.Equal((10UL, 0UL, 11UL, 0UL, 123L, 456L, 1), (r.TraceIdLow, r.TraceIdHigh, r.SpanId, r.ParentId, r.Start, r.Duration, r.Error));
        Assert.Equal("GET", r.Meta["http.method"]);
        Assert.Equal(1.0, r.Metrics["_sampling_priority_v1"]);
        RecordedSpan c = send.Chunks[0][1];
        Assert.Equal(("db.query", "SELECT 1", "sql", 11UL, 0), (c.Name, c.Resource, c.Type, c.ParentId, c.Error));
        Assert.Equal(21UL, send.Chunks[1][0].SpanId);
    }

    [Fact]
    public void The_options_configure_the_native_exporter()
    {
        TraceExporterOptions options = Conformance.Options();
        options.AgentUrl = new Uri("unix:///var/run/datadog/apm.socket");
        options.SendTimeout = TimeSpan.FromMilliseconds(1500);
        options.Service = "svc";
        options.Environment = "test";
        options.Version = "1.2.3";
        options.HostName = "host-1";
        options.ComputeStats = true;
        options.TracerVersion = "9.8.7";
        options.LanguageVersion = "10.0.1";
        options.LanguageInterpreter = "CoreCLR";

        TraceExporter.Create(options).Dispose();

        JsonElement settings = Conformance.Read().LastExporterSettings;
        Assert.Equal("unix:///var/run/datadog/apm.socket", settings.GetProperty("url").GetString());
        Assert.Equal("svc", settings.GetProperty("service").GetString());
        Assert.Equal("test", settings.GetProperty("env").GetString());
        Assert.Equal("1.2.3", settings.GetProperty("version").GetString());
        Assert.Equal("host-1", settings.GetProperty("hostname").GetString());
        Assert.Equal("dotnet", settings.GetProperty("language").GetString());
        Assert.Equal("10.0.1", settings.GetProperty("lang_version").GetString());
        Assert.Equal("CoreCLR", settings.GetProperty("lang_interpreter").GetString());
        Assert.Equal("9.8.7", settings.GetProperty("tracer_version").GetString());
        Assert.Equal(1500, settings.GetProperty("connection_timeout_ms").GetInt64());
        Assert.True(settings.GetProperty("compute_stats").GetBoolean());
        Assert.True(Conformance.Read().Exporters[0].GetProperty("freed").GetBoolean());
    }

    [Fact]
    public void A_128_bit_trace_id_is_split_and_its_high_half_tagged_on_the_first_span_of_each_chunk()
    {
        UInt128 traceId = new(0x0000_0000_6789_ABCD, 0xFEDC_BA98_7654_3210);
        TestSpan[] first = [new() { TraceId = traceId, SpanId = 1 }, new() { TraceId = traceId, SpanId = 2 }];
        TestSpan[] second = [new() { TraceId = new UInt128(0xA, 5), SpanId = 3 }];
        TestSpan[] narrow = [new() { TraceId = 42, SpanId = 4 }];
        using var exporter = TraceExporter.Create(Conformance.Options());

        Assert.True(exporter.Send<TestSpan, TestSpanMarshaller>(Of(first, second, narrow)).IsOk);

        RecordedSend send = Assert.Single(Conformance.Read().Sends);
        Assert.Equal((0xFEDC_BA98_7654_3210UL, 0x6789_ABCDUL), (send.Chunks[0][0].TraceIdLow, send.Chunks[0][0].TraceIdHigh));
        Assert.Equal("000000006789abcd", send.Chunks[0][0].Meta["_dd.p.tid"]);
        Assert.False(send.Chunks[0][1].Meta.ContainsKey("_dd.p.tid"));
        Assert.Equal("000000000000000a", send.Chunks[1][0].Meta["_dd.p.tid"]);
        Assert.Empty(send.Chunks[2][0].Meta);
    }

    [Fact]
    public void Null_strings_become_empty_slices_and_null_meta_values_are_left_out()
    {
        var span = new TestSpan { Resource = null, Service = null, Name = null, Type = null };
        span.Meta["kept"] = "";
        span.Meta["dropped"] = null;
        span.Tags["also.dropped"] = null;
        using var exporter = TraceExporter.Create(Conformance.Options());

        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(Of([span]));

        Assert.True(response.IsOk);
        Assert.Equal(0, response.SkippedTagCount);
        RecordedSpan r = Assert.Single(Assert.Single(Conformance.Read().Sends).Chunks[0]);
        Assert.Equal(("", "", "", ""), (r.Service, r.Name, r.Resource, r.Type));
        Assert.Equal(new Dictionary<string, string> { ["kept"] = "" }, r.Meta);
    }

    [Fact]
    public void Mixed_tags_route_strings_to_meta_numbers_to_metrics_and_count_the_rest_in_one_warning()
    {
        var logger = new ListLogger();
        TestSpan[] spans = [new(), new()];
        foreach (TestSpan span in spans)
        {
            span.Tags["s"] = "text";
            span.Tags["i"] = 7;
            span.Tags["d"] = 0.25m;
            span.Tags["obj"] = new object();
            span.Tags["date"] = DateTime.UnixEpoch;
        }

        using var exporter = TraceExporter.Create(Conformance.Options(), logger);

        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(Of(spans));

        Assert.Equal(4, response.SkippedTagCount);
        RecordedSpan r = Assert.Single(Conformance.Read().Sends).Chunks[0][1];
        Assert.Equal("text", r.Meta["s"]);
        Assert.Equal((7.0, 0.25), (r.Metrics["i"], r.Metrics["d"]));
        Assert.False(r.Meta.ContainsKey("obj") || r.Metrics.ContainsKey("obj"));
        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(3, warning.Id.Id);
        Assert.Contains("4 tag(s)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_agent_body_is_copied_and_its_service_rates_parsed()
    {
        const string body = """{"rate_by_service":{"service:svc,env:test":0.25,"service:,env:":1}}""";
        Conformance.SetResponseBody(body);
        using var exporter = TraceExporter.Create(Conformance.Options());

        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(Of([new TestSpan()]));

        // The conformance library poisons a response's body when it is freed: equal bytes prove a copy.
        Assert.Equal(body, Encoding.UTF8.GetString(response.Payload.Span));
        Assert.Equal(0.25, response.ServiceRates["service:svc,env:test"]);
        Assert.Equal(1.0, response.ServiceRates["service:,env:"]);
        Assert.Equal(1, Conformance.Read().CallCount("ddog_trace_exporter_response_free"));
    }

    [Fact]
    public void A_malformed_or_empty_body_gives_no_rates_and_no_exception()
    {
        Conformance.SetResponseBody("not json");
        using var exporter = TraceExporter.Create(Conformance.Options());

        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(Of([new TestSpan()]));

        Assert.True(response.IsOk);
        Assert.Empty(response.ServiceRates);
    }

    [Fact]
    public void Null_traces_and_null_spans_are_dropped_and_counted_and_their_neighbours_sent()
    {
        var logger = new ListLogger();
        using var exporter = TraceExporter.Create(Conformance.Options(), logger);
        IReadOnlyList<IReadOnlyList<TestSpan>> traces = [[new TestSpan { SpanId = 1 }, null!, new TestSpan { SpanId = 3 }], null!, [new TestSpan { SpanId = 4 }]];

        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(traces);

        Assert.True(response.IsOk);
        Assert.Equal((1, 1), (response.DroppedTraceCount, response.DroppedSpanCount));
        Assert.Equal(2, response.TraceCount);
        RecordedSend send = Assert.Single(Conformance.Read().Sends);
        Assert.Equal([1UL, 3UL, 4UL], send.Chunks.SelectMany(c => c).Select(s => s.SpanId));
        Assert.Single(logger.Entries, e => e.Id.Id == 4);
    }

    [Fact]
    public async Task A_registered_marshaller_is_found_without_naming_it()
    {
        TraceMarshallers.Register<TestSpan, TestSpanMarshaller>();
        using var exporter = TraceExporter.Create(Conformance.Options());

        TraceExporterResponse sync = exporter.Send(Of([new TestSpan { SpanId = 7 }]));
        TraceExporterResponse async = await exporter.SendAsync(Of([new TestSpan { SpanId = 8 }]));

        Assert.True(sync.IsOk && async.IsOk);
        Assert.Equal([7UL, 8UL], Conformance.Read().Sends.Select(s => s.Chunks[0][0].SpanId));
    }

    [Fact]
    public void An_empty_batch_sends_an_empty_chunk_set()
    {
        using var exporter = TraceExporter.Create(Conformance.Options());

        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(Of());

        Assert.True(response.IsOk);
        Assert.Equal(0, response.TraceCount);
        Assert.Empty(Assert.Single(Conformance.Read().Sends).Chunks);
    }
}
