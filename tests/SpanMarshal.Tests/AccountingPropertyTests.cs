using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests;

/// <summary>
/// Random batches (null and empty traces, null and invalid spans, traces of every size around the
/// request limit and over it) against random agent answers or random native failures: every trace is
/// accepted, rejected, not attempted or dropped, the health metrics count exactly what the response
/// counts, what arrived is what the response says was accepted, and no native object outlives a send.
/// A failure prints the seed; <c>CsCheck_Seed=&lt;seed&gt;</c> replays it. CI runs
/// <see cref="DefaultCases"/> cases per property; <c>SPANMARSHAL_PROPERTY_CASES</c> runs more.
/// Serial (a <see cref="NativeTest"/>) and on one thread: the meter is process-wide.
/// </summary>
public sealed class AccountingPropertyTests : NativeTest
{
    private const int DefaultCases = 60;
    private const int RequestLimit = 4096;

    private static readonly Gen<AgentReply> Reply = Gen.OneOf(
        AgentReply.Accept, AgentReply.Accept, AgentReply.DropConnection,
        AgentReply.Status(400), AgentReply.Status(404), AgentReply.Status(408), AgentReply.Status(413),
        AgentReply.Status(415), AgentReply.Status(429), AgentReply.Status(500), AgentReply.Status(503));

    private static readonly Gen<(string Function, int Nth, TraceExporterErrorCode Code)> NativeFailure = Gen.Select(
        Gen.OneOf(
            "ddog_tracer_span_new", "ddog_tracer_span_set_meta", "ddog_tracer_span_set_metric", "ddog_tracer_trace_chunks_push_span",
            "ddog_tracer_trace_chunks_begin_chunk", "ddog_tracer_trace_chunks_new", "ddog_trace_exporter_send_trace_chunks"),
        Gen.Int[0, 6],
        Gen.Enum<TraceExporterErrorCode>());

    private static long Cases => long.TryParse(Environment.GetEnvironmentVariable("SPANMARSHAL_PROPERTY_CASES"), out long cases) ? cases : DefaultCases;

    [Fact]
    public void Managed_every_trace_is_accounted_for_whatever_the_agent_answers()
    {
        using TestAgent agent = TestAgent.Start();
        var settings = ManagedHarness.FastRetries with { MaxRequestBytes = RequestLimit };
        Gen.Select(RandomBatches.Batch, Reply.Array[0, 8]).Sample(
            (traces, replies) =>
            {
                agent.Clear();
                foreach (AgentReply reply in replies)
                {
                    agent.EnqueueReply(reply);
                }

                using var exporter = ManagedHarness.Exporter(agent.Url, settings);
                using var metrics = new MeterCapture();
                TraceExporterResponse response = exporter.SendTestSpans(traces);

                Accounting.AssertAccounted(response, traces.Count, metrics);
                Assert.Empty(agent.ValidationErrors);
                Assert.Equal(response.AcceptedTraceCount, agent.Traces.Count);
                Assert.Equal(agent.Spans.Count, metrics.Sum("spanmarshal.spans.sent"));
            },
            iter: Cases,
            threads: 1,
            print: Describe);
    }

    [Fact]
    public void LibDatadog_every_trace_is_accounted_for_whatever_fails_natively()
    {
        Gen.Select(RandomBatches.Batch, NativeFailure.Array[0, 3]).Sample(
            (traces, failures) =>
            {
                Conformance.Reset();
                IReadOnlyDictionary<string, long> before = Conformance.Read().Live;
                foreach ((string function, int nth, TraceExporterErrorCode code) in failures)
                {
                    Conformance.Fail(function, code, nth);
                }

                using (var exporter = TraceExporter.Create(Conformance.Options()))
                using (var metrics = new MeterCapture())
                {
                    TraceExporterResponse response = exporter.Send<TestSpan, TestSpanMarshaller>(traces);

                    Accounting.AssertAccounted(response, traces.Count, metrics);
                    if (response.IsOk)
                    {
                        // A trace whose every push failed after its chunk was begun leaves an empty chunk behind (the agent drops it): counted as dropped.
                        Assert.Equal(response.AcceptedTraceCount, Conformance.Read().ReceivedTraces.Count(t => t.Count != 0));
                    }
                }

                string leaks = string.Join(", ", Conformance.Read().Live.Where(kv => kv.Value != before[kv.Key]).Select(kv => $"{kv.Key}={kv.Value}"));
                Assert.True(leaks.Length == 0, "native objects still alive after the send: " + leaks);
            },
            iter: Cases,
            threads: 1,
            print: Describe);
    }

    private static string Describe<T>((List<IReadOnlyList<TestSpan>> Traces, T[] Script) input)
        => $"{RandomBatches.Describe(input.Traces)} answered {string.Join(", ", input.Script.Select(r => r is AgentReply a ? a.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "drop" : r?.ToString()))}";
}
