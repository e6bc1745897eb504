using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using SpanMarshal.Tests.Support;
using Xunit;
using static SpanMarshal.Tests.Support.Batch;

namespace SpanMarshal.Tests.LibDatadog;

/// <summary>
/// The libdatadog pipeline's fault matrix: every native function that can fail fails in turn with
/// every error code (and one no libdatadog version defines). Each time: a clear response or the
/// documented exception, every trace accounted for and counted in the health metrics as the response
/// counts it, the next send works, and no native object is left alive (checked after every case).
/// </summary>
public sealed class NativeFaultMatrixTests : NativeTest
{
    private const int Traces = 2;

    /// <summary>What a failure of each function does to a batch of two traces of two spans.</summary>
    public enum Effect
    {
        /// <summary>The first span is left out, its neighbours sent.</summary>
        DropsOneSpan,

        /// <summary>The first trace is left out, the second sent.</summary>
        DropsOneTrace,

        /// <summary>Nothing is sent; the response carries the code.</summary>
        FailsTheSend,
    }

    public static TheoryData<string, Effect, int, bool> SendPathFailures
    {
        get
        {
            var data = new TheoryData<string, Effect, int, bool>();
            (string, Effect)[] functions =
            [
                ("ddog_tracer_span_new", Effect.DropsOneSpan),
                ("ddog_tracer_span_set_meta", Effect.DropsOneSpan),
                ("ddog_tracer_span_set_metric", Effect.DropsOneSpan),
                ("ddog_tracer_trace_chunks_push_span", Effect.DropsOneSpan),
                ("ddog_tracer_trace_chunks_begin_chunk", Effect.DropsOneTrace),
                ("ddog_tracer_trace_chunks_new", Effect.FailsTheSend),
                ("ddog_trace_exporter_send_trace_chunks", Effect.FailsTheSend),
            ];
            foreach ((string function, Effect effect) in functions)
            {
                foreach (int code in Codes())
                {
                    data.Add(function, effect, code, false);
                    data.Add(function, effect, code, true);
                }
            }

            return data;
        }
    }

    public static TheoryData<string, int> CreationFailures
    {
        get
        {
            var data = new TheoryData<string, int>();
            string[] functions =
            [
                "ddog_trace_exporter_config_set_url", "ddog_trace_exporter_config_set_tracer_version", "ddog_trace_exporter_config_set_language",
                "ddog_trace_exporter_config_set_lang_version", "ddog_trace_exporter_config_set_lang_interpreter", "ddog_trace_exporter_config_set_hostname",
                "ddog_trace_exporter_config_set_env", "ddog_trace_exporter_config_set_version", "ddog_trace_exporter_config_set_service",
                "ddog_trace_exporter_config_set_compute_stats", "ddog_trace_exporter_config_set_connection_timeout", "ddog_trace_exporter_new",
            ];
            foreach (string function in functions)
            {
                foreach (int code in Codes())
                {
                    data.Add(function, code);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(SendPathFailures))]
    public async Task A_failing_native_call_gives_a_clear_response_and_the_next_send_works(string function, Effect effect, int code, bool async)
    {
        var errorCode = (TraceExporterErrorCode)code;
        Conformance.Fail(function, errorCode, nth: 1);
        var logger = new ListLogger();
        using var exporter = TraceExporter.Create(Conformance.Options(), logger);
        using var metrics = new MeterCapture();

        TraceExporterResponse response = await Send(exporter, async);

        Accounting.AssertAccounted(response, Traces, metrics);
        string named = $"{function} failed ({errorCode}: injected failure";
        switch (effect)
        {
            case Effect.DropsOneSpan:
                Assert.True(response.IsOk, response.ToString());
                Assert.Equal((Traces, 0, 1), (response.AcceptedTraceCount, response.DroppedTraceCount, response.DroppedSpanCount));
                Assert.Contains(logger.Entries, e => e.Id.Id == 4 && e.Message.Contains(named, StringComparison.Ordinal));
                break;
            case Effect.DropsOneTrace:
                Assert.True(response.IsOk, response.ToString());
                Assert.Equal((1, 1, 2), (response.AcceptedTraceCount, response.DroppedTraceCount, response.DroppedSpanCount));
                Assert.Contains(logger.Entries, e => e.Id.Id == 4 && e.Message.Contains(named, StringComparison.Ordinal));
                break;
            default:
                Assert.Equal(TraceExporterResponse.Classify(errorCode), response.Status);
                Assert.Equal((errorCode, Traces, null), (response.ErrorCode, response.RejectedTraceCount, response.HttpStatusCode));
                Assert.Contains($"injected failure of {function}", response.ErrorMessage, StringComparison.Ordinal);
                Assert.True(response.Payload.IsEmpty);
                Assert.Contains(logger.Entries, e => e.Id.Id == 103);
                break;
        }

        TraceExporterResponse next = await Send(exporter, async);
        Assert.True(next.IsOk && next.AcceptedTraceCount == Traces, "the send after the failure: " + next);
    }

    [Theory]
    [MemberData(nameof(CreationFailures))]
    public void A_failing_native_call_while_creating_throws_the_documented_exception_and_frees_everything(string function, int code)
    {
        var errorCode = (TraceExporterErrorCode)code;
        Conformance.Fail(function, errorCode, nth: 1);
        TraceExporterOptions options = Conformance.Options();
        (options.Service, options.Environment, options.Version, options.HostName) = ("svc", "test", "1.2.3", "host-1");

        Exception ex = Assert.ThrowsAny<Exception>(() => TraceExporter.Create(options));

        Assert.IsType(function == "ddog_trace_exporter_new" ? typeof(InvalidOperationException) : typeof(ArgumentException), ex);
        Assert.Contains(errorCode.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, Conformance.Read().Live.Values.Sum());
        using var exporter = TraceExporter.Create(options);
        Assert.True(exporter.Send<TestSpan, TestSpanMarshaller>(Of([new TestSpan()])).IsOk);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("{}", false)]
    [InlineData("<html>busy</html>", true)]
    [InlineData("{\"rate_by_service\":{\"\\ud800\":1}}", true)]
    public void An_empty_or_malformed_answer_is_ok_with_no_rates(string body, bool warned)
    {
        Conformance.SetResponseBody(body);
        var logger = new ListLogger();
        using var exporter = TraceExporter.Create(Conformance.Options(), logger);

        TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(Of([new TestSpan()]));

        Assert.True(response.IsOk, response.ToString());
        Assert.Empty(response.ServiceRates);
        Assert.Equal(body, Encoding.UTF8.GetString(response.Payload.Span));
        Assert.Equal(warned, logger.Entries.Any(e => e.Id.Id == 2));
    }

    // Every code libdatadog defines, and one it does not (a newer library may add codes).
    private static int[] Codes() => [.. Enum.GetValues<TraceExporterErrorCode>().Select(c => (int)c), 99];

    private static async Task<TraceExporterResponse> Send(TraceExporter exporter, bool async)
    {
        TestSpan[][] traces =
        [
            [new TestSpan { TraceId = 1, SpanId = 1, Meta = { ["m"] = "v" }, Metrics = { ["n"] = 1 } }, new TestSpan { TraceId = 1, SpanId = 2, Meta = { ["m"] = "v" }, Metrics = { ["n"] = 1 } }],
            [new TestSpan { TraceId = 2, SpanId = 3, Meta = { ["m"] = "v" }, Metrics = { ["n"] = 1 } }, new TestSpan { TraceId = 2, SpanId = 4, Meta = { ["m"] = "v" }, Metrics = { ["n"] = 1 } }],
        ];
        return async ? await exporter.SendAsync<TestSpan, TestSpanMarshaller>(traces) : exporter.Send<TestSpan, TestSpanMarshaller>(traces);
    }
}
