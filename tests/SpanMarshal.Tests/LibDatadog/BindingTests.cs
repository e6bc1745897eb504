using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using SpanMarshal.Native;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.LibDatadog;

/// <summary>Every binding called directly, checked through what the conformance library recorded.</summary>
public unsafe class BindingTests : NativeTest
{
    [Fact]
    public void Every_config_setter_reaches_the_exporter_config()
    {
        using (ConfigHandle config = Bindings.NewConfig("http://agent:8126"))
        {
            (string Name, Bindings.SliceCall Call)[] setters =
            [
                ("tracer_version", s => NativeMethods.ddog_trace_exporter_config_set_tracer_version(config, s)),
                ("language", s => NativeMethods.ddog_trace_exporter_config_set_language(config, s)),
                ("lang_version", s => NativeMethods.ddog_trace_exporter_config_set_lang_version(config, s)),
                ("lang_interpreter", s => NativeMethods.ddog_trace_exporter_config_set_lang_interpreter(config, s)),
                ("hostname", s => NativeMethods.ddog_trace_exporter_config_set_hostname(config, s)),
                ("env", s => NativeMethods.ddog_trace_exporter_config_set_env(config, s)),
                ("version", s => NativeMethods.ddog_trace_exporter_config_set_version(config, s)),
                ("service", s => NativeMethods.ddog_trace_exporter_config_set_service(config, s)),
            ];
            foreach (var (name, call) in setters)
            {
                Assert.Null(Bindings.WithSlice("value of " + name + " ✓", call));
            }

            Assert.Null(NativeFailure.Take(NativeMethods.ddog_trace_exporter_config_set_compute_stats(config, 1)));
            Assert.Null(NativeFailure.Take(NativeMethods.ddog_trace_exporter_config_set_connection_timeout(config, 1234)));
            Assert.Null(NativeFailure.Take(NativeMethods.ddog_trace_exporter_new(out ExporterHandle exporter, config)));
            exporter.Dispose();

            JsonElement settings = Conformance.Read().LastExporterSettings;
            Assert.Equal("http://agent:8126", settings.GetProperty("url").GetString());
            foreach (var (name, _) in setters)
            {
                Assert.Equal("value of " + name + " ✓", settings.GetProperty(name).GetString());
            }

            Assert.True(settings.GetProperty("compute_stats").GetBoolean());
            Assert.Equal(1234, settings.GetProperty("connection_timeout_ms").GetInt64());
        }

        Recording recording = Conformance.Read();
        Assert.True(recording.Exporters[0].GetProperty("freed").GetBoolean());
        Assert.Equal(1, recording.CallCount("ddog_trace_exporter_free"));
        Assert.Equal(1, recording.CallCount("ddog_trace_exporter_config_free"));
    }

    [Fact]
    public void A_span_keeps_every_field_meta_and_metric_through_chunks_and_send()
    {
        using ExporterHandle exporter = Bindings.NewExporter();
        using TraceChunksHandle chunks = Bindings.NewChunks(2);
        nint span = Bindings.NewSpan("sërvice", "op", "GET /ü", "web", 0xFFFF_FFFF_FFFF_FFFE, 0x0123_4567_89AB_CDEF, 77, 66, -5, long.MaxValue, 1);
        Assert.Null(Bindings.SetMeta(span, "k", "first"));
        Assert.Null(Bindings.SetMeta(span, "k", "second"));
        Assert.Null(Bindings.SetMetric(span, "m", 2.5));
        Assert.Null(NativeFailure.Take(NativeMethods.ddog_tracer_trace_chunks_begin_chunk(chunks, 3)));
        Assert.Null(NativeFailure.Take(NativeMethods.ddog_tracer_trace_chunks_push_span(chunks, span)));

        Conformance.SetResponseBody("{\"rate_by_service\":{}}");
        var (failure, body) = Bindings.Send(exporter, chunks);

        Assert.Null(failure);
        Assert.Equal("{\"rate_by_service\":{}}", Encoding.UTF8.GetString(body));
        RecordedSend send = Assert.Single(Conformance.Read().Sends);
        Assert.Equal(2, send.Capacity);
        Assert.Equal([3L], send.ChunkCapacities);
        Assert.True(send.HadCancelToken);
        RecordedSpan recorded = Assert.Single(Assert.Single(send.Chunks));
        Assert.Equal(("sërvice", "op", "GET /ü", "web"), (recorded.Service, recorded.Name, recorded.Resource, recorded.Type));
        Assert.Equal((0xFFFF_FFFF_FFFF_FFFEUL, 0x0123_4567_89AB_CDEFUL, 77UL, 66UL), (recorded.TraceIdLow, recorded.TraceIdHigh, recorded.SpanId, recorded.ParentId));
        Assert.Equal((-5L, long.MaxValue, 1), (recorded.Start, recorded.Duration, recorded.Error));
        Assert.Equal("second", Assert.Single(recorded.Meta).Value);
        Assert.Equal(2.5, recorded.Metrics["m"]);
    }

    [Fact]
    public void Null_fields_give_InvalidArgument_and_no_span()
    {
        nint span = 0;
        NativeFailure? failure = NativeFailure.Take(NativeMethods.ddog_tracer_span_new(&span, null));

        Assert.Equal(TraceExporterErrorCode.InvalidArgument, failure?.Code);
        Assert.Equal(0, span);
    }

    [Fact]
    public void A_push_before_any_chunk_fails_and_still_consumes_the_span()
    {
        using TraceChunksHandle chunks = Bindings.NewChunks();
        nint span = Bindings.NewSpan();

        NativeFailure? failure = NativeFailure.Take(NativeMethods.ddog_tracer_trace_chunks_push_span(chunks, span));

        Assert.Equal(TraceExporterErrorCode.InvalidArgument, failure?.Code);
        Assert.Equal(0, Conformance.Read().Live["span"]);
    }

    [Fact]
    public void Freeing_unsent_chunks_frees_their_spans_and_a_lone_span_is_freed_by_span_free()
    {
        TraceChunksHandle chunks = Bindings.NewChunks();
        Assert.Null(NativeFailure.Take(NativeMethods.ddog_tracer_trace_chunks_begin_chunk(chunks, 1)));
        Assert.Null(NativeFailure.Take(NativeMethods.ddog_tracer_trace_chunks_push_span(chunks, Bindings.NewSpan())));
        nint lone = Bindings.NewSpan();
        Assert.Equal(2, Conformance.Read().Live["span"]);

        chunks.Dispose();
        NativeMethods.ddog_tracer_span_free(lone);

        Recording recording = Conformance.Read();
        Assert.Equal(0, recording.Live["span"]);
        Assert.Equal(1, recording.CallCount("ddog_tracer_trace_chunks_free"));
        Assert.Equal(1, recording.CallCount("ddog_tracer_span_free"));
    }

    [Theory]
    [InlineData(TraceExporterErrorCode.HttpClient)]
    [InlineData(TraceExporterErrorCode.IoError)]
    public void A_failed_send_writes_no_response_and_still_consumes_the_chunks(TraceExporterErrorCode code)
    {
        using ExporterHandle exporter = Bindings.NewExporter();
        using TraceChunksHandle chunks = Bindings.NewChunks();
        Conformance.Fail("ddog_trace_exporter_send_trace_chunks", code);

        var (failure, body) = Bindings.Send(exporter, chunks);

        Assert.Equal(code, failure?.Code);
        Assert.Empty(body);
        Assert.Equal(0, Conformance.Read().Live["chunks"]);
    }

    [Fact]
    public void A_cancelled_token_fails_the_send_with_IoError()
    {
        using ExporterHandle exporter = Bindings.NewExporter();
        using TraceChunksHandle chunks = Bindings.NewChunks();
        using CancelTokenHandle token = NativeMethods.ddog_trace_exporter_cancel_token_new();
        Conformance.SetSendDelay(10_000);

        token.Cancel();
        var (failure, _) = Bindings.Send(exporter, chunks, token);

        Assert.Equal(TraceExporterErrorCode.IoError, failure?.Code);
        Assert.True(Assert.Single(Conformance.Read().Sends).Cancelled);
    }

    [Fact]
    public void An_injected_failure_hits_only_the_nth_call()
    {
        nint span = Bindings.NewSpan();
        Conformance.Fail("ddog_tracer_span_set_metric", TraceExporterErrorCode.InvalidInput, nth: 2);

        NativeFailure?[] results = Enumerable.Range(0, 3).Select(i => Bindings.SetMetric(span, "m" + i, i)).ToArray();
        NativeMethods.ddog_tracer_span_free(span);

        Assert.Null(results[0]);
        Assert.Equal(TraceExporterErrorCode.InvalidInput, results[1]?.Code);
        Assert.Null(results[2]);
        Assert.Equal(0, Conformance.Read().Live["error"]);
    }
}
