using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal;
using SpanMarshal.Testing;

namespace QuickStart;

/// <summary>
/// The quick start: a few hundred realistic traces exported through the generated marshaller.
/// Uses the agent at DD_TRACE_AGENT_URL (or DD_AGENT_HOST/DD_TRACE_AGENT_PORT, or
/// localhost:8126); when none answers, starts SpanMarshal.Testing's agent on loopback.
/// </summary>
internal static class Program
{
    private const int TraceCount = 300;
    private const int BatchSize = 50;

    private static async Task<int> Main()
    {
        using ILoggerFactory logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
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

        await using TraceExporter exporter = TraceExporter.Create(options, logging);
        Console.WriteLine($"Pipeline:  {exporter.Pipeline}");

        var failures = new List<TraceExporterResponse>();
        TraceExporterResponse? last = null;
        for (int i = 0; i < traces.Count; i += BatchSize)
        {
            last = await exporter.SendAsync(traces.GetRange(i, Math.Min(BatchSize, traces.Count - i)));
            if (!last.IsOk)
            {
                failures.Add(last);
            }
        }

        Console.WriteLine($"Sent:      {traces.Count} traces, {spanCount} spans in {(traces.Count + BatchSize - 1) / BatchSize} batches");
        Console.WriteLine($"Response:  {last}");
        Console.WriteLine("Rates:     " + string.Join(", ", last!.ServiceRates.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} = {r.Value}"))));
        foreach (TraceExporterResponse failure in failures)
        {
            Console.WriteLine($"FAILED:    {failure}");
        }

        bool received = localAgent is null || Report(localAgent, traces.Count, spanCount);
        return failures.Count == 0 && received ? 0 : 1;
    }

    private static bool Report(TestAgent agent, int traceCount, int spanCount)
    {
        IReadOnlyList<ReceivedSpan> spans = agent.Spans;
        Console.WriteLine();
        Console.WriteLine($"The agent received {agent.Requests.Count} requests, {agent.Traces.Count} traces, {spans.Count} spans:");
        Console.WriteLine($"  {"service",-18} {"name",-22} {"type",-6} {"spans",6} {"errors",7} {"avg ms",7}");
        foreach (var group in spans.GroupBy(s => (s.Service, s.Name, s.Type)).OrderBy(g => g.Key.Service, StringComparer.Ordinal))
        {
            double averageMs = group.Average(s => s.Duration) / 1e6;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {group.Key.Service,-18} {group.Key.Name,-22} {group.Key.Type,-6} {group.Count(),6} {group.Count(s => s.Error != 0),7} {averageMs,7:F1}"));
        }

        int with128BitIds = spans.Count(s => s.Meta.ContainsKey("_dd.p.tid"));
        Console.WriteLine($"  {with128BitIds} spans carry _dd.p.tid (the high half of a 128-bit trace id)");
        int withHttpTags = spans.Count(s => s.Meta.ContainsKey("http.method") && s.Meta.ContainsKey("http.route") && s.Meta.ContainsKey("http.status_code"));
        Console.WriteLine($"  {withHttpTags} request spans carry http.method, http.route and http.status_code ([SpanTag] members)");
        foreach (string error in agent.ValidationErrors)
        {
            Console.WriteLine($"INVALID:   {error}");
        }

        bool complete = agent.Traces.Count == traceCount && spans.Count == spanCount && withHttpTags == traceCount && agent.ValidationErrors.Count == 0;
        Console.WriteLine(complete ? "OK: every trace arrived intact." : "FAILED: the agent did not receive every trace intact.");
        return complete;
    }

    private static async Task<bool> AgentAnswersAsync(Uri url)
    {
        try
        {
            using var socket = url.Scheme == "unix"
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            EndPoint endpoint = url.Scheme == "unix" ? new UnixDomainSocketEndPoint(url.AbsolutePath) : new DnsEndPoint(url.Host, url.Port);
            using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(1));
            await socket.ConnectAsync(endpoint, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
