using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SpanMarshal.Pipelines.Managed;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.Managed;

public sealed class TransportTests : IDisposable
{
    private readonly TestAgent _agent = TestAgent.Start();

    public void Dispose() => _agent.Dispose();

    [Fact]
    public void Spans_sent_over_TCP_arrive_field_by_field_and_the_response_carries_the_agents_answer()
    {
        var traces = Spans.Batch(traces: 4, spansPerTrace: 3);
        using var exporter = ManagedHarness.Exporter(_agent.Url);

        TraceExporterResponse response = exporter.SendTestSpans(traces);

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal(200, response.HttpStatusCode);
        Assert.Equal(4, response.TraceCount);
        Assert.Empty(_agent.ValidationErrors);
        ExpectedSpan.AssertTraces(traces, _agent.Traces);
        Assert.Equal("{\"rate_by_service\":{\"service:,env:\":1}}", Encoding.UTF8.GetString(response.Payload.Span));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Spans_sent_over_a_Unix_socket_arrive(bool async)
    {
        string path = Path.Combine(Path.GetTempPath(), "sm-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        await using var agent = TestAgent.StartUnix(path);
        var traces = Spans.Batch(traces: 2, spansPerTrace: 2);
        using var exporter = ManagedHarness.Exporter(agent.Url);

        TraceExporterResponse response = async
            ? await exporter.SendTestSpansAsync(traces, default)
            : exporter.SendTestSpans(traces);

        Assert.True(response.IsOk, response.ToString());
        Assert.StartsWith("unix://", agent.Url.ToString(), StringComparison.Ordinal);
        ExpectedSpan.AssertTraces(traces, agent.Traces);
    }

    [Theory]
    [InlineData(TraceApiVersion.V04, "/v0.4/traces")]
    [InlineData(TraceApiVersion.V05, "/v0.5/traces")]
    public void The_request_carries_the_agents_headers(TraceApiVersion version, string path)
    {
        // Pinned: with Auto the version depends on whether the background /info question was answered yet.
        TraceExporterOptions options = ManagedHarness.Options(_agent.Url);
        options.ApiVersion = version;
        using var exporter = ManagedHarness.Exporter(options);

        exporter.SendTestSpans(Spans.Batch(traces: 3, spansPerTrace: 1));

        ReceivedRequest request = Assert.Single(_agent.Requests);
        Assert.Equal(path, request.Path);
        Assert.Equal("application/msgpack", request.Header("Content-Type"));
        Assert.Equal("3", request.Header("X-Datadog-Trace-Count"));
        Assert.Equal("dotnet", request.Header("Datadog-Meta-Lang"));
        Assert.Equal("10.0.12", request.Header("Datadog-Meta-Lang-Version"));
        Assert.Equal(".NET", request.Header("Datadog-Meta-Lang-Interpreter"));
        Assert.Equal("1.2.3", request.Header("Datadog-Meta-Tracer-Version"));
        Assert.Equal("1", request.Header("Datadog-Send-Real-Http-Status"));
        Assert.Equal(request.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Header("Content-Length"));
    }

    [Fact]
    public void The_agents_rate_by_service_becomes_the_responses_service_rates()
    {
        _agent.RateByService = new System.Collections.Generic.Dictionary<string, double>
        {
            ["service:web-store,env:prod"] = 0.25,
            ["service:,env:"] = 0.75,
        };
        using var exporter = ManagedHarness.Exporter(_agent.Url);

        TraceExporterResponse response = exporter.SendTestSpans(Spans.Batch(1, 1));

        Assert.Equal(_agent.RateByService, response.ServiceRates);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("{}")]
    public void A_200_without_usable_rates_is_ok_with_no_rates_and_keeps_the_body(string body)
    {
        _agent.EnqueueReply(AgentReply.Status(200, body));
        using var exporter = ManagedHarness.Exporter(_agent.Url);

        TraceExporterResponse response = exporter.SendTestSpans(Spans.Batch(1, 1));

        Assert.True(response.IsOk, response.ToString());
        Assert.Empty(response.ServiceRates);
        Assert.Equal(body, Encoding.UTF8.GetString(response.Payload.Span));
    }

    [Fact]
    public void A_batch_over_the_limit_goes_in_several_valid_requests_each_counting_its_own_chunks()
    {
        var traces = Spans.Batch(traces: 40, spansPerTrace: 3);
        using var exporter = ManagedHarness.Exporter(_agent.Url, ManagedHarness.FastRetries with { MaxRequestBytes = 4096 });

        TraceExporterResponse response = exporter.SendTestSpans(traces);

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal(40, response.TraceCount);
        Assert.True(_agent.Requests.Count > 1);
        Assert.Empty(_agent.ValidationErrors);
        Assert.All(_agent.Requests, r => Assert.True(r.Body.Length <= 4096));
        ExpectedSpan.AssertTraces(traces, _agent.Traces);
    }

    [Fact]
    public void A_trace_over_the_limit_is_dropped_reported_in_the_response_and_warned_once()
    {
        var big = Enumerable.Range(0, 40).Select(i => Spans.Typical(1, i)).ToList();
        var logger = new ListLogger();
        using var exporter = ManagedHarness.Exporter(_agent.Url, ManagedHarness.FastRetries with { MaxRequestBytes = 4096 }, logger: logger);

        TraceExporterResponse response = exporter.SendTestSpans([[Spans.Typical(0, 0)], big, [null!]]);

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal((2, 41), (response.DroppedTraceCount, response.DroppedSpanCount));
        Assert.Equal(1, response.TraceCount);
        Assert.Equal(1, logger.Count(eventId: 4));
        Assert.Single(_agent.Traces);
    }

    [Fact]
    public void Skipped_tags_are_counted_in_the_response_and_warned_once_per_send()
    {
        var logger = new ListLogger();
        using var exporter = ManagedHarness.Exporter(_agent.Url, logger: logger);
        var span = new TestSpan { Name = "n", SpanId = 1, TraceId = 1, Tags = new() { ["a"] = true, ["b"] = Guid.Empty, ["c"] = 1 } };

        TraceExporterResponse response = exporter.SendTestSpans([[span, span]]);

        Assert.Equal(4, response.SkippedTagCount);
        Assert.Equal(1, logger.Count(eventId: 3));
        Assert.Equal(0, logger.Count(eventId: 4));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(408)]
    [InlineData(null)]
    public void A_retryable_failure_is_retried_and_the_send_succeeds(int? status)
    {
        _agent.EnqueueReply(status is int code ? AgentReply.Status(code) : AgentReply.DropConnection);
        using var exporter = ManagedHarness.Exporter(_agent.Url);

        TraceExporterResponse response = exporter.SendTestSpans(Spans.Batch(2, 2));

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal(2, _agent.Requests.Count);
        Assert.Equal(2, _agent.Traces.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(413)]
    [InlineData(415)]
    public void A_client_error_is_not_retried_and_is_classified_like_libdatadog(int status)
    {
        _agent.EnqueueReply(AgentReply.Status(status, "the agent says no"));
        using var exporter = ManagedHarness.Exporter(_agent.Url);

        TraceExporterResponse response = exporter.SendTestSpans(Spans.Batch(2, 2));

        Assert.Single(_agent.Requests);
        Assert.True(response.IsClientError);
        Assert.Equal(TraceExporterErrorCode.HttpClient, response.ErrorCode);
        Assert.Equal(status, response.HttpStatusCode);
        Assert.Equal(status == 404, response.IsNotFound);
        Assert.Equal(status == 415, response.IsUnsupported);
        Assert.Contains("the agent says no", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("the agent says no", Encoding.UTF8.GetString(response.Payload.Span));
    }

    [Fact]
    public void A_persistent_server_error_is_tried_max_attempts_times_then_reported()
    {
        _agent.DefaultReply = AgentReply.Status(503);
        using var exporter = ManagedHarness.Exporter(_agent.Url);

        TraceExporterResponse response = exporter.SendTestSpans(Spans.Batch(1, 1));

        Assert.Equal(ManagedHarness.FastRetries.MaxAttempts, _agent.Requests.Count);
        Assert.True(response.IsServerError);
        Assert.Equal(TraceExporterErrorCode.HttpServer, response.ErrorCode);
        Assert.Equal(503, response.HttpStatusCode);
    }

    [Fact]
    public void Retries_stop_at_the_sends_deadline()
    {
        _agent.DefaultReply = AgentReply.Status(503);
        var settings = ManagedHarness.FastRetries with
        {
            MaxAttempts = 1000,
            FirstBackoff = TimeSpan.FromMilliseconds(50),
            MaxBackoff = TimeSpan.FromMilliseconds(50),
        };
        using var exporter = ManagedHarness.Exporter(_agent.Url, settings, sendTimeout: TimeSpan.FromSeconds(1));

        TraceExporterResponse response = exporter.SendTestSpans(Spans.Batch(1, 1));

        // Each wait is 25-50 ms, so within 1 s the deadline, not the 1000 attempts, ends the send.
        Assert.True(response.IsServerError, response.ToString());
        Assert.InRange(_agent.Requests.Count, 2, 60);
    }

    [Fact]
    public void A_stalled_agent_times_out_as_an_internal_error()
    {
        _agent.DefaultReply = AgentReply.Stall(TimeSpan.FromSeconds(30));
        using var exporter = ManagedHarness.Exporter(_agent.Url, ManagedHarness.FastRetries with { MaxAttempts = 1 }, timeout: TimeSpan.FromMilliseconds(300));

        TraceExporterResponse response = exporter.SendTestSpans(Spans.Batch(1, 1));

        Assert.True(response.IsInternalError);
        Assert.Equal(TraceExporterErrorCode.TimedOut, response.ErrorCode);
    }

    [Fact]
    public async Task Cancelling_an_async_send_throws_OperationCanceledException_like_the_libdatadog_pipeline()
    {
        _agent.DefaultReply = AgentReply.Stall(TimeSpan.FromSeconds(30));
        using var exporter = ManagedHarness.Exporter(_agent.Url);
        using var cancel = new CancellationTokenSource();

        Task<TraceExporterResponse> sending = exporter.SendTestSpansAsync(Spans.Batch(1, 1), cancel.Token);
        await _agent.WaitForRequestsAsync(1, TimeSpan.FromSeconds(30));
        cancel.Cancel();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        Assert.Equal(cancel.Token, ex.CancellationToken);
        Assert.Single(_agent.Requests);
    }

    [Fact]
    public void Cancelling_a_blocking_send_during_a_retry_wait_throws_OperationCanceledException()
    {
        _agent.DefaultReply = AgentReply.Status(503);
        var settings = ManagedHarness.FastRetries with { MaxAttempts = 100, FirstBackoff = TimeSpan.FromSeconds(20), MaxBackoff = TimeSpan.FromSeconds(20) };
        using var exporter = ManagedHarness.Exporter(_agent.Url, settings);
        using var cancel = new CancellationTokenSource();
        _ = _agent.WaitForRequestsAsync(1, TimeSpan.FromSeconds(30)).ContinueWith(_ => cancel.Cancel(), TaskScheduler.Default);

        var ex = Assert.ThrowsAny<OperationCanceledException>(() => exporter.SendTestSpans(Spans.Batch(1, 1), cancel.Token));

        Assert.Equal(cancel.Token, ex.CancellationToken);
        Assert.Single(_agent.Requests);
    }

    [Fact]
    public async Task Disposing_the_exporter_during_a_stalled_send_ends_the_send_and_later_sends_throw()
    {
        _agent.DefaultReply = AgentReply.Stall(TimeSpan.FromSeconds(30));
        var exporter = TraceExporter.Create(ManagedHarness.Options(_agent.Url));

        Task<TraceExporterResponse> sending = exporter.SendAsync<TestSpan, TestSpanMarshaller>(Spans.Batch(1, 1));
        await _agent.WaitForRequestsAsync(1, TimeSpan.FromSeconds(30));
        exporter.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => sending);
        Assert.Throws<ObjectDisposedException>(() => exporter.Send<TestSpan, TestSpanMarshaller>(Spans.Batch(1, 1)));
    }

    [Fact]
    public void A_blocking_send_never_needs_the_callers_synchronization_context()
    {
        _agent.EnqueueReply(AgentReply.Status(503));
        using var exporter = ManagedHarness.Exporter(_agent.Url);

        TraceExporterResponse response = NoPostSynchronizationContext.Run(() => exporter.SendTestSpans(Spans.Batch(2, 2)), out int posts);

        Assert.True(response.IsOk, response.ToString());
        Assert.Equal(0, posts);
    }

    [Fact]
    public async Task An_async_send_returns_to_the_caller_while_the_agent_is_still_answering()
    {
        _agent.DefaultReply = AgentReply.Stall(TimeSpan.FromSeconds(30));
        using var exporter = ManagedHarness.Exporter(_agent.Url);
        using var cancel = new CancellationTokenSource();

        Task<TraceExporterResponse> sending = exporter.SendTestSpansAsync(Spans.Batch(1, 1), cancel.Token);
        bool completedBeforeTheAgentAnswered = sending.IsCompleted;
        await _agent.WaitForRequestsAsync(1, TimeSpan.FromSeconds(30));
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        Assert.False(completedBeforeTheAgentAnswered);
    }

    [Fact]
    public void A_send_with_a_cancelled_token_makes_no_request()
    {
        using var exporter = ManagedHarness.Exporter(_agent.Url);

        Assert.ThrowsAny<OperationCanceledException>(() => exporter.SendTestSpans(Spans.Batch(1, 1), new CancellationToken(canceled: true)));

        Assert.Empty(_agent.Requests);
    }

    [Fact]
    public void A_refused_connection_is_an_internal_ConnectionRefused_error()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        using var exporter = ManagedHarness.Exporter(new Uri($"http://127.0.0.1:{port}"), ManagedHarness.FastRetries with { MaxAttempts = 2 });

        TraceExporterResponse response = exporter.SendTestSpans(Spans.Batch(1, 1));

        Assert.True(response.IsInternalError);
        Assert.Equal(TraceExporterErrorCode.ConnectionRefused, response.ErrorCode);
        Assert.Null(response.HttpStatusCode);
    }

    [Fact]
    public void An_exception_from_a_span_getter_mid_batch_propagates_and_the_next_send_works()
    {
        using var exporter = ManagedHarness.Exporter(_agent.Url);
        var traces = Spans.Batch(3, 2);

        Assert.Throws<InvalidOperationException>(() => exporter.SendTestSpans([traces[0], [new TestSpan { Fail = FailurePoint.AfterStart }], traces[2]]));
        TraceExporterResponse response = exporter.SendTestSpans(traces);

        Assert.True(response.IsOk, response.ToString());
        Assert.Single(_agent.Requests);
        ExpectedSpan.AssertTraces(traces, _agent.Traces);
    }

    [Fact]
    public async Task The_exporter_with_the_managed_pipeline_sends_sync_and_async()
    {
        var traces = Spans.Batch(2, 2);
        using var exporter = TraceExporter.Create(ManagedHarness.Options(_agent.Url));

        TraceExporterResponse first = exporter.Send<TestSpan, TestSpanMarshaller>(traces);
        TraceExporterResponse second = await exporter.SendAsync<TestSpan, TestSpanMarshaller>(traces);

        Assert.Equal(TracePipelineKind.Managed, exporter.Pipeline);
        Assert.True(first.IsOk && second.IsOk);
        ExpectedSpan.AssertTraces([.. traces, .. traces], _agent.Traces);
    }
}
