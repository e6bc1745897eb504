using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal;
using SpanMarshal.Testing;

namespace QuickStart;

/// <summary>
/// The quick start: a few hundred realistic traces, finished on several threads and handed to a
/// <see cref="TraceWriter{TSpan}"/> as a tracer would, sent in the background and flushed on
/// shutdown. Uses the agent at DD_TRACE_AGENT_URL (or DD_AGENT_HOST/DD_TRACE_AGENT_PORT, or
/// localhost:8126); when none answers, starts SpanMarshal.Testing's agent on loopback and then
/// compares every field and tag of every span it received with what was written.
/// </summary>
internal static class Program
{
    private const int TraceCount = 300;
    private const int RequestThreads = 4;

    // Short, so the run shows flushes on the interval as well as the one on shutdown (the default is 1 s).
    private static readonly TraceWriterOptions WriterOptions = new() { FlushInterval = TimeSpan.FromMilliseconds(100) };

    private static async Task<int> Main()
    {
        using ILoggerFactory logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
        using var metrics = new MeterTotals();

        var options = new TraceExporterOptions { Service = "web-store", Environment = "demo", Version = "1.0.0" };
        Uri agentUrl = options.ResolveAgentUrl();
        await using TestAgent? localAgent = await AgentAnswersAsync(agentUrl) ? null : TestAgent.Start();
        if (localAgent is null)
        {
            Console.WriteLine($"Agent:     {agentUrl} answered; sending to it.");
        }
        else
        {
            Console.WriteLine($"Agent:     nothing answers at {agentUrl}; started SpanMarshal.Testing's agent at {localAgent.Url} instead.");
            localAgent.RateByService = new Dictionary<string, double>
            {
                ["service:web-store,env:demo"] = 0.5,
                ["service:,env:"] = 1.0,
            };
            options.AgentUrl = localAgent.Url;
        }

        List<IReadOnlyList<RequestSpan>> traces = new TrafficGenerator(seed: 42).Traces(TraceCount);
        int spanCount = traces.Sum(t => t.Count);
        var failures = new ConcurrentQueue<TraceExporterResponse>();

        TraceWriter<RequestSpan> writer = TraceWriter.Create<RequestSpan>(options, WriterOptions, logging);
        Console.WriteLine($"Pipeline:  {writer.Pipeline}");
        writer.Sent += (_, response) =>
        {
            if (!response.IsOk)
            {
                failures.Enqueue(response);
            }
        };

        int buffered = FinishRequests(writer, traces);
        Console.WriteLine($"Written:   {traces.Count} traces, {spanCount} spans, from {RequestThreads} request threads ({buffered} buffered).");

        // On shutdown: disposing sends what is still buffered. ServiceRates holds the agent's latest rates.
        await writer.DisposeAsync();
        IReadOnlyDictionary<string, double> rates = writer.ServiceRates;

        Console.WriteLine("Rates:     " + string.Join(", ", rates.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} = {r.Value}"))));
        foreach (TraceExporterResponse failure in failures)
        {
            Console.WriteLine($"FAILED:    {failure}");
        }

        Console.WriteLine();
        metrics.Print();
        Console.WriteLine();
        bool accounted = CheckAccounted(metrics, traces.Count, spanCount);
        bool intact = localAgent is null ? ReportRealAgent(metrics) : Compare(localAgent, traces, options);
        return failures.IsEmpty && buffered == traces.Count && accounted && intact ? 0 : 1;
    }

    /// <summary>Handles the requests on several threads, each writing its trace when the request is done, as a tracer's span-finish hook does.</summary>
    private static int FinishRequests(TraceWriter<RequestSpan> writer, List<IReadOnlyList<RequestSpan>> traces)
    {
        int next = -1;
        int buffered = 0;
        Thread[] threads = [.. Enumerable.Range(0, RequestThreads).Select(_ => new Thread(() =>
        {
            for (int i = Interlocked.Increment(ref next); i < traces.Count; i = Interlocked.Increment(ref next))
            {
                Thread.Sleep(2); // handling the request; its spans finish, then the trace is written
                if (writer.Write(traces[i]))
                {
                    Interlocked.Increment(ref buffered);
                }
            }
        }))];
        Array.ForEach(threads, t => t.Start());
        Array.ForEach(threads, t => t.Join());
        return buffered;
    }

    /// <summary>The meter must account for every trace: written, then sent, none dropped.</summary>
    private static bool CheckAccounted(MeterTotals metrics, int traceCount, int spanCount)
    {
        (double written, double sent, double dropped) = (metrics.Sum("spanmarshal.traces.written"), metrics.Sum("spanmarshal.traces.sent"), metrics.Sum("spanmarshal.traces.dropped"));
        double spansSent = metrics.Sum("spanmarshal.spans.sent");
        bool ok = written == traceCount && sent == traceCount && dropped == 0 && spansSent == spanCount;
        Console.WriteLine(ok
            ? $"OK: the meter accounts for every trace: {written} written, {sent} accepted by the agent ({spansSent} spans), none dropped."
            : $"FAILED: the meter says {written} traces written, {sent} sent ({spansSent} of {spanCount} spans), {dropped} dropped; {traceCount} were finished.");
        return ok;
    }

    private static bool Compare(TestAgent agent, List<IReadOnlyList<RequestSpan>> traces, TraceExporterOptions defaults)
    {
        IReadOnlyList<ReceivedSpan> spans = agent.Spans;
        Console.WriteLine($"The agent received {agent.Requests.Count} request(s), {agent.Traces.Count} traces, {spans.Count} spans:");
        Console.WriteLine($"  {"service",-18} {"name",-22} {"type",-6} {"spans",6} {"errors",7} {"avg ms",7}");
        foreach (var group in spans.GroupBy(s => (s.Service, s.Name, s.Type)).OrderBy(g => g.Key.Service, StringComparer.Ordinal))
        {
            double averageMs = group.Average(s => s.Duration) / 1e6;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Key.Service,-18} {group.Key.Name,-22} {group.Key.Type,-6} {group.Count(),6} {group.Count(s => s.Error != 0),7} {averageMs,7:F1}"));
        }

        List<string> problems = [.. agent.ValidationErrors.Select(e => "the agent could not validate a request: " + e), .. ExpectedTraces.Differences(traces, agent.Traces, defaults)];
        foreach (string problem in problems)
        {
            Console.WriteLine($"MISMATCH:  {problem}");
        }

        Console.WriteLine(problems.Count == 0
            ? $"OK: every trace arrived intact: all {spans.Count} spans of {traces.Count} traces equal what was written, field by field and tag by tag (128-bit trace ids included)."
            : "FAILED: what the agent received differs from what was written.");
        return problems.Count == 0;
    }

    private static bool ReportRealAgent(MeterTotals metrics)
    {
        Console.WriteLine(
            $"Verified:  the agent accepted every request ({metrics.Sum("spanmarshal.requests", "outcome=ok")} of {metrics.Sum("spanmarshal.requests")}). "
            + "A real agent's traces cannot be read back here, so their fields were not compared; run without an agent to compare them against SpanMarshal.Testing's.");
        return true;
    }

    private static async Task<bool> AgentAnswersAsync(Uri url)
    {
        try
        {
            using var socket = url.Scheme == "unix"
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            EndPoint endpoint = url.Scheme == "unix" ? new UnixDomainSocketEndPoint(url.AbsolutePath) : new DnsEndPoint(url.Host, url.Port);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await socket.ConnectAsync(endpoint, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
