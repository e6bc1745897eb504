using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SpanMarshal;
using SpanMarshal.AotSmoke;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Support;

// Sends one batch of base and derived spans (in a list typed as the base) through each pipeline,
// synchronously, asynchronously and through a TraceWriter, and compares every field of every span
// that arrived with what was sent. Exits 1 at the first difference: CI runs it NativeAOT-published
// and trimmed.
List<IReadOnlyList<HttpSpan>> traces = Traffic.Build(traceCount: 40);
List<IReadOnlyList<ReceivedSpan>> expected = [.. traces.Select(t => (IReadOnlyList<ReceivedSpan>)[.. t.Select((s, i) => ExpectedSpan.From(s, firstInTrace: i == 0))])];
int failures = 0;

using (TestAgent agent = TestAgent.Start())
{
    var options = new TraceExporterOptions { AgentUrl = agent.Url, Pipeline = TracePipelineKind.Managed };
    using (TraceExporter exporter = TraceExporter.Create(options))
    {
        failures += Check("managed, Send", exporter.Send(traces), () => agent.Traces, expected);
        agent.Clear();
        failures += Check("managed, SendAsync", await exporter.SendAsync(traces), () => agent.Traces, expected);
    }

    agent.Clear();
    failures += await CheckWriterAsync("managed, TraceWriter", options, traces, () => agent.Traces, expected);

    failures += agent.ValidationErrors.Count == 0 ? 0 : Fail($"the test agent reported: {string.Join("; ", agent.ValidationErrors)}");
}

Conformance.Reset();
using (TraceExporter exporter = TraceExporter.Create(Conformance.Options()))
{
    failures += Check("libdatadog, Send", exporter.Send(traces), () => Conformance.Read().ReceivedTraces, expected);
    Conformance.Reset();
    failures += Check("libdatadog, SendAsync", await exporter.SendAsync(traces), () => Conformance.Read().ReceivedTraces, expected);
}

Conformance.Reset();
failures += await CheckWriterAsync("libdatadog, TraceWriter", Conformance.Options(), traces, () => Conformance.Read().ReceivedTraces, expected);

IReadOnlyDictionary<string, long> live = Conformance.Read().Live;
failures += live.Values.All(n => n == 0) ? 0 : Fail("native objects still alive: " + string.Join(", ", live.Where(kv => kv.Value != 0)));

Console.WriteLine(failures == 0
    ? $"OK: {expected.Sum(t => t.Count)} spans in {expected.Count} traces arrived field by field through both pipelines, sync, async and through a writer."
    : $"FAILED: {failures} check(s) failed.");
return failures == 0 ? 0 : 1;

static int Check(string what, TraceExporterResponse response, Func<IReadOnlyList<IReadOnlyList<ReceivedSpan>>> arrived, IReadOnlyList<IReadOnlyList<ReceivedSpan>> expected)
{
    if (!response.IsOk || response.TraceCount != expected.Count || response.DroppedSpanCount != 0)
    {
        return Fail($"{what}: {response} ({response.DroppedSpanCount} dropped span(s))");
    }

    string? difference = ExpectedSpan.Compare(expected, arrived());
    if (difference is not null)
    {
        return Fail($"{what}: {difference}");
    }

    Console.WriteLine($"{what}: {expected.Count} traces arrived intact");
    return 0;
}

// Written one trace at a time from the calling thread, flushed by disposing the writer.
static async Task<int> CheckWriterAsync(string what, TraceExporterOptions options, List<IReadOnlyList<HttpSpan>> traces, Func<IReadOnlyList<IReadOnlyList<ReceivedSpan>>> arrived, IReadOnlyList<IReadOnlyList<ReceivedSpan>> expected)
{
    int written = 0;
    await using (TraceWriter<HttpSpan> writer = TraceWriter.Create<HttpSpan>(options))
    {
        foreach (IReadOnlyList<HttpSpan> trace in traces)
        {
            written += writer.Write(trace) ? 1 : 0;
        }
    }

    if (written != traces.Count)
    {
        return Fail($"{what}: {traces.Count - written} trace(s) were not taken");
    }

    // The writer may flush in several sends, so the traces arrive in order but not as one request.
    string? difference = ExpectedSpan.Compare(expected, arrived());
    if (difference is not null)
    {
        return Fail($"{what}: {difference}");
    }

    Console.WriteLine($"{what}: {expected.Count} traces arrived intact");
    return 0;
}

static int Fail(string message)
{
    Console.Error.WriteLine("FAILED " + message);
    return 1;
}
