using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.Managed;

/// <summary>
/// The managed pipeline's fault matrix (docs/reliability.md): every way the agent or the network can
/// fail a request, sync and async. For each: the classification and the number of attempts as
/// documented, no exception out of Send, memory bounded, every trace accounted for and counted in the
/// health metrics exactly as the response counts it, what the agent took equal to what the response
/// says it took (no trace lost or sent twice), and the next send through the same exporter works.
/// Serial (a <see cref="NativeTest"/>): the allocation count and the meter are process-wide.
/// </summary>
public sealed class ManagedFaultMatrixTests : NativeTest
{
    private const int Attempts = 3;
    private const int TracesPerRequest = 3;

    // Three typical traces of three spans fit in one request of this size, a fourth does not.
    private static readonly int RequestLimit = (Encoded.Run(Spans.Batch(traces: 1, spansPerTrace: 3)).Bodies[0].Length * 7) / 2;

    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    public static TheoryData<Fault, bool> Faults
    {
        get
        {
            var data = new TheoryData<Fault, bool>();
            foreach (Fault fault in Rows())
            {
                data.Add(fault, false);
                data.Add(fault, true);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Each_fault_is_classified_retried_bounded_and_accounted_for(Fault fault, bool async)
    {
        await using var agent = new RawAgent([.. fault.Script, RawReply.Ok]);
        using UnacceptingListener? unaccepting = fault.Target == Target.Unaccepting ? await UnacceptingListener.StartAsync() : null;
        Uri url = fault.Target switch
        {
            Target.Refusing => RefusingUrl(),
            Target.Unaccepting => unaccepting!.Url,
            _ => agent.Url,
        };

        TraceExporterOptions options = ManagedHarness.Options(url, fault.ResponseTimeout ?? TimeSpan.FromSeconds(10), fault.SendTimeout ?? TimeSpan.FromSeconds(30));
        options.ConnectTimeout = fault.Target == Target.Unaccepting ? Short : TimeSpan.FromSeconds(3);
        var settings = ManagedHarness.FastRetries with { MaxAttempts = fault.MaxAttempts ?? Attempts, MaxRequestBytes = fault.BlobBytes == 0 ? RequestLimit : 64 * 1024 * 1024 };
        var logger = new ListLogger();
        using var exporter = ManagedHarness.Exporter(options, settings, logger);
        List<IReadOnlyList<TestSpan>> traces = Traces(fault);

        using var metrics = new MeterCapture();
        int requestsBefore = agent.RequestsStarted;
        int acceptedBefore = agent.AcceptedTraces;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        TraceExporterResponse response = await Send(exporter, traces, async);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Expectation expected = fault.Expected;
        Assert.True(
            (expected.Status, expected.ErrorCode, expected.HttpStatus) == (response.Status, response.ErrorCode, response.HttpStatusCode),
            $"expected {expected.Status} {expected.ErrorCode} {expected.HttpStatus}, got {response}");
        Assert.Equal(
            (expected.Accepted, expected.Rejected, expected.NotAttempted),
            (response.AcceptedTraceCount, response.RejectedTraceCount, response.NotAttemptedTraceCount));
        Accounting.AssertAccounted(response, traces.Count, metrics);
        if (fault.Target == Target.Agent)
        {
            Assert.InRange(agent.RequestsStarted - requestsBefore, expected.MinRequests, expected.MaxRequests ?? expected.MinRequests);
            Assert.Equal(response.AcceptedTraceCount, agent.AcceptedTraces - acceptedBefore);
        }

        Assert.True(allocated < (fault.BlobBytes * 3) + (16 * 1024 * 1024), $"{allocated} bytes allocated");
        Assert.True(response.Payload.Length <= 64 * 1024);

        // Lost traces are a warning: the request that failed for good (202), the requests never made (5).
        Assert.Equal(response.RejectedTraceCount != 0, logger.Entries.Any(e => e.Id.Id == 202));
        Assert.Equal(response.NotAttemptedTraceCount != 0, logger.Entries.Any(e => e.Id.Id == 5));

        if (fault.Target == Target.Agent)
        {
            TraceExporterResponse next = await Send(exporter, Spans.Batch(1, 1), async);
            Assert.True(next.IsOk, "the send after the fault: " + next);
        }
    }

    private static IEnumerable<Fault> Rows()
    {
        const TraceExporterStatus Ok = TraceExporterStatus.Ok;
        const TraceExporterStatus Client = TraceExporterStatus.ClientError;
        const TraceExporterStatus Server = TraceExporterStatus.ServerError;
        const TraceExporterStatus Internal = TraceExporterStatus.InternalError;
        const TraceExporterErrorCode Http4xx = TraceExporterErrorCode.HttpClient;
        const TraceExporterErrorCode Http5xx = TraceExporterErrorCode.HttpServer;
        const TraceExporterErrorCode TimedOut = TraceExporterErrorCode.TimedOut;
        const int N = TracesPerRequest;
        RawReply[] none = [];

        // Where nothing answers.
        yield return new("connection refused", none, new(Internal, TraceExporterErrorCode.ConnectionRefused, null, 0, 0, N, 0)) { Target = Target.Refusing };
        yield return new("connecting slower than ConnectTimeout", none, new(Internal, TimedOut, null, 0, 0, N, 0)) { Target = Target.Unaccepting };

        // The agent slower than each timeout.
        yield return new("answer slower than ResponseTimeout", Times(Attempts, RawFault.StallBeforeAnswer), new(Internal, TimedOut, null, Attempts, 0, N, 0)) { ResponseTimeout = Short };
        yield return new("upload slower than ResponseTimeout", [new RawReply(RawFault.Answer, BytesPerSecond: 1), new RawReply(RawFault.Answer, BytesPerSecond: 1), new RawReply(RawFault.Answer, BytesPerSecond: 1)], new(Internal, TimedOut, null, Attempts, 0, 1, 0)) { ResponseTimeout = Short, BlobBytes = 8 * 1024 * 1024 };
        // How many attempts fit before the deadline depends on how soon each is scheduled: at least one, at most three.
        yield return new("the whole send slower than SendTimeout", Times(3, RawFault.StallBeforeAnswer), new(Internal, TimedOut, null, 1, 0, N, 0, MaxRequests: 3)) { ResponseTimeout = Short, SendTimeout = TimeSpan.FromMilliseconds(800), MaxAttempts = 100 };
        yield return new("a 200's body slower than ResponseTimeout", [RawReply.Of(RawFault.StallAfterHeaders)], new(Ok, null, 200, 1, N, 0, 0)) { ResponseTimeout = Short };
        yield return new("a 503's body slower than ResponseTimeout", Times(Attempts, new RawReply(RawFault.StallAfterHeaders, 503)), new(Server, Http5xx, 503, Attempts, 0, N, 0)) { ResponseTimeout = Short };

        // Connections that break.
        yield return new("reset in the middle of the request", Times(Attempts, RawFault.ResetDuringRequest), new(Internal, TraceExporterErrorCode.ConnectionReset, null, Attempts, 0, N, 0));
        yield return new("reset in the middle of a 200", [RawReply.Of(RawFault.ResetDuringResponse)], new(Ok, null, 200, 1, N, 0, 0));
        yield return new("reset in the middle of a 503", Times(Attempts, new RawReply(RawFault.ResetDuringResponse, 503)), new(Server, Http5xx, 503, Attempts, 0, N, 0));
        yield return new("closed without an answer", Times(Attempts, RawFault.CloseWithoutAnswer), new(Internal, TraceExporterErrorCode.ConnectionAborted, null, Attempts, 0, N, 0));
        yield return new("an answer that is not HTTP", Times(Attempts, RawFault.NotHttp), new(Internal, TraceExporterErrorCode.HttpParse, null, Attempts, 0, N, 0));

        // Statuses: 400, 404, 413 and 415 concern the request and are final; 408, 429 and 5xx are retried.
        foreach (int status in new[] { 400, 404, 413, 415 })
        {
            yield return new($"HTTP {status}", [RawReply.StatusOnly(status, "no")], new(Client, Http4xx, status, 1, 0, N, 0));
        }

        foreach (int status in new[] { 408, 429, 500, 503 })
        {
            bool server = status >= 500;
            yield return new($"HTTP {status}", Times(Attempts, RawReply.StatusOnly(status)), new(server ? Server : Client, server ? Http5xx : Http4xx, status, Attempts, 0, N, 0));
            yield return new($"HTTP {status} once", [RawReply.StatusOnly(status)], new(Ok, null, 200, 2, N, 0, 0));
        }

        // Bodies: whatever the body, the status stands.
        yield return new("a malformed 200 body", [RawReply.StatusOnly(200, "<html>busy</html>")], new(Ok, null, 200, 1, N, 0, 0));
        yield return new("a 200 without a body", [RawReply.StatusOnly(200)], new(Ok, null, 200, 1, N, 0, 0));
        yield return new("a 1.5 GB 200 body", [RawReply.Huge(1_500_000_000)], new(Ok, null, 200, 1, N, 0, 0));
        yield return new("a 1.5 GB chunked 200 body", [RawReply.Huge(1_500_000_000, chunked: true)], new(Ok, null, 200, 1, N, 0, 0));
        yield return new("a 1.5 GB 400 body", [RawReply.Huge(1_500_000_000, status: 400)], new(Client, Http4xx, 400, 1, 0, N, 0));
        yield return new("a 503 without a body", Times(Attempts, RawReply.StatusOnly(503)), new(Server, Http5xx, 503, Attempts, 0, N, 0));

        // A batch of four requests whose requests fail differently: after a 400 or 413 the send goes on,
        // after anything else that failed for good it stops.
        yield return new("200, 400, then 503 for good", [RawReply.Ok, RawReply.StatusOnly(400), .. Times(Attempts, RawReply.StatusOnly(503))], new(Client, Http4xx, 400, 2 + Attempts, N, 2 * N, N)) { Requests = 4 };
        yield return new("413, 200, then 404", [RawReply.StatusOnly(413), RawReply.Ok, RawReply.StatusOnly(404)], new(Client, Http4xx, 413, 3, N, 2 * N, N)) { Requests = 4 };
        yield return new("reset for good first", Times(Attempts, RawFault.ResetDuringRequest), new(Internal, TraceExporterErrorCode.ConnectionReset, null, Attempts, 0, N, 3 * N)) { Requests = 4 };
        yield return new("200, a 200 cut short, 500 for good", [RawReply.Ok, RawReply.Of(RawFault.ResetDuringResponse), .. Times(Attempts, RawReply.StatusOnly(500))], new(Server, Http5xx, 500, 2 + Attempts, 2 * N, N, N)) { Requests = 4 };
        yield return new("408 then 200 on every request", [RawReply.StatusOnly(408), RawReply.Ok, RawReply.StatusOnly(408), RawReply.Ok, RawReply.Ok, RawReply.Ok], new(Ok, null, 200, 6, 4 * N, 0, 0)) { Requests = 4 };
    }

    private static RawReply[] Times(int count, RawFault fault) => Times(count, RawReply.Of(fault));

    private static RawReply[] Times(int count, RawReply reply) => [.. Enumerable.Repeat(reply, count)];

    private static List<IReadOnlyList<TestSpan>> Traces(Fault fault)
    {
        if (fault.BlobBytes == 0)
        {
            return Spans.Batch(traces: fault.Requests * TracesPerRequest, spansPerTrace: 3);
        }

        TestSpan span = Spans.Typical(0, 0);
        span.Meta["blob"] = new string('x', fault.BlobBytes);
        return [[span]];
    }

    private static Uri RefusingUrl()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndPoint!).Port}");
    }

    private static async Task<TraceExporterResponse> Send(TraceExporter exporter, IReadOnlyList<IReadOnlyList<TestSpan>> traces, bool async)
        => async ? await exporter.SendTestSpansAsync(traces) : exporter.SendTestSpans(traces);

    public enum Target
    {
        Agent,
        Refusing,
        Unaccepting,
    }

    /// <summary>What a send must come to: its status, the agent seeing MinRequests (to MaxRequests) requests, and where its traces ended up.</summary>
    public sealed record Expectation(TraceExporterStatus Status, TraceExporterErrorCode? ErrorCode, int? HttpStatus, int MinRequests, int Accepted, int Rejected, int NotAttempted, int? MaxRequests = null);

    /// <summary>One row of the matrix: what the agent does with each request of a batch of <see cref="Requests"/> requests.</summary>
    public sealed record Fault(string Name, RawReply[] Script, Expectation Expected)
    {
        public Target Target { get; init; } = Target.Agent;

        public int Requests { get; init; } = 1;

        public TimeSpan? ResponseTimeout { get; init; }

        public TimeSpan? SendTimeout { get; init; }

        public int? MaxAttempts { get; init; }

        /// <summary>When not zero, the batch is one trace of one span with a tag this large, in requests of up to 64 MiB.</summary>
        public int BlobBytes { get; init; }

        public override string ToString() => Name;
    }
}
