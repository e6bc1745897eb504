using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Tests.Support;
using Xunit;
using static SpanMarshal.Tests.Support.Batch;

namespace SpanMarshal.Tests.LibDatadog;

/// <summary>Injected native failures and throwing span getters: the outcome, and that nothing native leaks (checked after every test).</summary>
public class LibDatadogFailureTests : NativeTest
{
    private static TestSpan[] ThreeSpans(ulong first) => [new() { SpanId = first }, new() { SpanId = first + 1 }, new() { SpanId = first + 2 }];

    [Theory]
    [InlineData("ddog_tracer_span_new")]
    [InlineData("ddog_tracer_span_set_meta")]
    [InlineData("ddog_tracer_span_set_metric")]
    [InlineData("ddog_tracer_trace_chunks_push_span")]
    public void A_native_error_on_one_span_drops_that_span_only(string function)
    {
        TestSpan[] spans = ThreeSpans(1);
        foreach (TestSpan span in spans)
        {
            span.Meta["m"] = "v";
            span.Metrics["n"] = 1;
        }

        Conformance.Fail(function, TraceExporterErrorCode.InvalidInput, nth: 2);
        var logger = new ListLogger();
        using var exporter = TraceExporter.Create(Conformance.Options(), logger);

        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(Of(spans));

        Assert.True(response.IsOk);
        Assert.Equal(1, response.DroppedSpanCount);
        Assert.Equal([1UL, 3UL], Assert.Single(Conformance.Read().Sends).Chunks[0].Select(s => s.SpanId));
        Assert.Contains(logger.Entries, e => e.Id.Id == 4 && e.Message.Contains(function, StringComparison.Ordinal) && e.Message.Contains("InvalidInput", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_failed_push_of_a_trace_frees_its_error_and_the_trace_is_counted_as_dropped()
    {
        // Found by the accounting property: only the first failed push's error was freed.
        Conformance.Fail("ddog_tracer_trace_chunks_push_span", TraceExporterErrorCode.InvalidInput);
        using var exporter = TraceExporter.Create(Conformance.Options());

        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(Of(ThreeSpans(1), ThreeSpans(10)));

        Assert.Equal(0, Conformance.Read().Live["error"]);
        Assert.True(response.IsOk, response.ToString());
        Assert.Equal((0, 2, 6), (response.AcceptedTraceCount, response.DroppedTraceCount, response.DroppedSpanCount));
    }

    [Fact]
    public void A_failed_tid_tag_drops_that_span_only()
    {
        UInt128 wide = new(1, 2);
        Conformance.Fail("ddog_tracer_span_set_meta", TraceExporterErrorCode.InvalidInput, nth: 1);
        using var exporter = TraceExporter.Create(Conformance.Options());

        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(Of([new TestSpan { TraceId = wide, SpanId = 1 }, new TestSpan { TraceId = wide, SpanId = 2 }]));

        Assert.Equal(1, response.DroppedSpanCount);
        RecordedSpan sent = Assert.Single(Assert.Single(Conformance.Read().Sends).Chunks[0]);
        Assert.Equal("0000000000000001", sent.Meta["_dd.p.tid"]);
    }

    [Fact]
    public void A_failed_begin_chunk_drops_that_trace_only()
    {
        Conformance.Fail("ddog_tracer_trace_chunks_begin_chunk", TraceExporterErrorCode.Internal, nth: 1);
        using var exporter = TraceExporter.Create(Conformance.Options());

        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(Of(ThreeSpans(1), ThreeSpans(10)));

        Assert.True(response.IsOk);
        Assert.Equal(3, response.DroppedSpanCount);
        Assert.Equal(1, response.TraceCount);
        Assert.Equal([10UL, 11UL, 12UL], Assert.Single(Assert.Single(Conformance.Read().Sends).Chunks).Select(s => s.SpanId));
    }

    [Fact]
    public void A_failed_chunk_set_gives_an_internal_error_and_sends_nothing()
    {
        Conformance.Fail("ddog_tracer_trace_chunks_new", TraceExporterErrorCode.Internal);
        using var exporter = TraceExporter.Create(Conformance.Options());

        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(Of(ThreeSpans(1)));

        Assert.True(response.IsInternalError);
        Assert.Equal(TraceExporterErrorCode.Internal, response.ErrorCode);
        Assert.Empty(Conformance.Read().Sends);
    }

    [Theory]
    [InlineData(TraceExporterErrorCode.HttpClient, TraceExporterStatus.ClientError)]
    [InlineData(TraceExporterErrorCode.HttpServer, TraceExporterStatus.ServerError)]
    [InlineData(TraceExporterErrorCode.ConnectionRefused, TraceExporterStatus.InternalError)]
    [InlineData(TraceExporterErrorCode.Panic, TraceExporterStatus.InternalError)]
    public async Task A_failed_send_is_classified_and_its_message_copied(TraceExporterErrorCode code, TraceExporterStatus status)
    {
        Conformance.Fail("ddog_trace_exporter_send_trace_chunks", code);
        using var exporter = TraceExporter.Create(Conformance.Options());

        TraceExporterResponse sync = exporter.Send<TestSpan, TestSpanMarshaller>(Of(ThreeSpans(1)));
        TraceExporterResponse async = await exporter.SendAsync<TestSpan, TestSpanMarshaller>(Of(ThreeSpans(1)));

        foreach (TraceExporterResponse response in new[] { sync, async })
        {
            Assert.Equal((status, code, 1), (response.Status, response.ErrorCode, response.TraceCount));
            Assert.StartsWith("injected failure of ddog_trace_exporter_send_trace_chunks", response.ErrorMessage, StringComparison.Ordinal);
            Assert.True(response.Payload.IsEmpty);
        }

        Assert.Equal(2, Conformance.Read().Sends.Count);
    }

    [Theory]
    [InlineData("ddog_trace_exporter_new", typeof(InvalidOperationException))]
    [InlineData("ddog_trace_exporter_config_set_url", typeof(ArgumentException))]
    [InlineData("ddog_trace_exporter_config_set_tracer_version", typeof(ArgumentException))]
    [InlineData("ddog_trace_exporter_config_set_language", typeof(ArgumentException))]
    [InlineData("ddog_trace_exporter_config_set_lang_version", typeof(ArgumentException))]
    [InlineData("ddog_trace_exporter_config_set_lang_interpreter", typeof(ArgumentException))]
    [InlineData("ddog_trace_exporter_config_set_hostname", typeof(ArgumentException))]
    [InlineData("ddog_trace_exporter_config_set_env", typeof(ArgumentException))]
    [InlineData("ddog_trace_exporter_config_set_version", typeof(ArgumentException))]
    [InlineData("ddog_trace_exporter_config_set_service", typeof(ArgumentException))]
    [InlineData("ddog_trace_exporter_config_set_compute_stats", typeof(ArgumentException))]
    [InlineData("ddog_trace_exporter_config_set_connection_timeout", typeof(ArgumentException))]
    public void A_rejected_config_fails_creation_frees_the_config_and_auto_falls_back_to_managed(string function, Type exception)
    {
        Conformance.Fail(function, TraceExporterErrorCode.InvalidArgument);
        TraceExporterOptions options = Conformance.Options();
        (options.Service, options.Environment, options.Version, options.HostName) = ("svc", "test", "1.2.3", "host-1");

        Exception ex = Assert.Throws(exception, () => TraceExporter.Create(options));
        options.Pipeline = TracePipelineKind.Auto;
        var logger = new ListLogger();
        using var fallback = TraceExporter.Create(options, logger);

        Assert.Contains("InvalidArgument", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TracePipelineKind.Managed, fallback.Pipeline);

        // libdatadog loaded and still could not be used: a warning quoting the reason in one sentence.
        var chosen = Assert.Single(logger.Entries, e => e.Id.Id == 1);
        Assert.Equal(LogLevel.Warning, chosen.Level);
        Assert.StartsWith("SpanMarshal: using the managed pipeline because libdatadog ", chosen.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidArgument", chosen.Message, StringComparison.Ordinal);
        Assert.True(chosen.Message.EndsWith(").", StringComparison.Ordinal) && !chosen.Message.Contains("..", StringComparison.Ordinal), chosen.Message);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public void A_getter_throwing_in_the_middle_of_a_batch_frees_everything_before_the_exception_propagates(bool afterStart, int badSpan)
    {
        TestSpan[] second = ThreeSpans(10);
        if (afterStart)
        {
            second[badSpan].Fail = FailurePoint.AfterStart;
        }
        else
        {
            second[badSpan].Fail = FailurePoint.BeforeStart;
        }

        using var exporter = TraceExporter.Create(Conformance.Options());

        var ex = Assert.Throws<InvalidOperationException>(() => exporter.Send<TestSpan, TestSpanMarshaller>(Of(ThreeSpans(1), second, ThreeSpans(20))));

        Assert.EndsWith("getter failed", ex.Message, StringComparison.Ordinal);
        Recording recording = Conformance.Read();
        Assert.Empty(recording.Sends);
        Assert.Equal(1, recording.CallCount("ddog_tracer_trace_chunks_free"));
        // The trace being marshalled never reaches the chunk set: its finished spans and the half-built one are freed.
        Assert.Equal(badSpan + (afterStart ? 1 : 0), recording.CallCount("ddog_tracer_span_free"));

        // The exporter is still usable after the failed batch.
        Assert.True(exporter.Send<TestSpan, TestSpanMarshaller>(Of(ThreeSpans(30))).IsOk);
    }

    [Fact]
    public async Task A_getter_throwing_under_SendAsync_faults_the_task_on_the_calling_thread_and_frees_everything()
    {
        TestSpan[] spans = ThreeSpans(1);
        spans[1].Fail = FailurePoint.AfterStart;
        using var exporter = TraceExporter.Create(Conformance.Options());

        Task<TraceExporterResponse> sending = exporter.SendAsync<TestSpan, TestSpanMarshaller>(Of(spans));

        // Marshalling runs before SendAsync returns: the spans may change as soon as it does.
        Assert.True(sending.IsFaulted);
        await Assert.ThrowsAsync<InvalidOperationException>(() => sending);

        Assert.Empty(Conformance.Read().Sends);
    }
}
