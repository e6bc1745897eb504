using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SpanMarshal;
using SpanMarshal.Testing;

namespace Consumer;

/// <summary>
/// Sends one trace of each span type through the packed SpanMarshal to SpanMarshal.Testing's
/// agent and checks, member by member, what arrived; then writes one through SpanMarshal.Hosting's
/// writer in a host. Exits non-zero on any difference.
/// </summary>
internal static class Program
{
    private static readonly UInt128 CheckoutTraceId = new(0x0123_4567_89ab_cdef, 0x0000_0000_0000_002a);

    private static int Main()
    {
        using TestAgent agent = TestAgent.Start();
        using TraceExporter exporter = TraceExporter.Create(new TraceExporterOptions { AgentUrl = agent.Url, Pipeline = TracePipelineKind.Managed });

        var checkout = new CheckoutSpan("POST", "POST /cart/checkout")
        {
            Service = "store",
            TraceId = CheckoutTraceId,
            SpanId = 7,
            Start = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            Duration = TimeSpan.FromMilliseconds(12),
            StatusCode = 201,
            Debug = "never sent",
        };
        checkout.Meta["cart.items"] = "3";
        var cache = new CacheSpan("store-cache", traceId: 99, parentId: 7, start: new DateTimeOffset(checkout.Start).AddMilliseconds(1), key: "cart:42");
        cache.AssignId(8);

        TraceExporterResponse first = exporter.Send<CheckoutSpan>([[checkout]]);
        TraceExporterResponse second = exporter.Send<CacheSpan>([[cache]]);

        var failures = new List<string>();
        Check(failures, $"checkout send accepted with one trace ({first})", first.IsOk && first.TraceCount == 1, true);
        Check(failures, $"cache send accepted with one trace ({second})", second.IsOk && second.TraceCount == 1, true);
        Check(failures, "validation errors", string.Join("; ", agent.ValidationErrors), string.Empty);
        Check(failures, "span count", agent.Spans.Count, 2);
        if (agent.Spans.FirstOrDefault(s => s.Name == "checkout") is { } c)
        {
            Check(failures, "checkout service", c.Service, "store");
            Check(failures, "checkout resource", c.Resource, "POST /cart/checkout");
            Check(failures, "checkout trace id", c.TraceId, CheckoutTraceId);
            Check(failures, "checkout _dd.p.tid", c.Meta.GetValueOrDefault("_dd.p.tid"), "0123456789abcdef");
            Check(failures, "checkout span id", c.SpanId, 7UL);
            Check(failures, "checkout start", c.Start, (checkout.Start - DateTime.UnixEpoch).Ticks * 100);
            Check(failures, "checkout duration", c.Duration, 12_000_000L);
            Check(failures, "checkout http.method", c.Meta.GetValueOrDefault("http.method"), "POST");
            Check(failures, "checkout http.status_code", c.Metrics.GetValueOrDefault("http.status_code"), 201d);
            Check(failures, "checkout cart.items", c.Meta.GetValueOrDefault("cart.items"), "3");
            Check(failures, "checkout ignored member", c.Meta.Values.Contains("never sent"), false);
        }
        else
        {
            failures.Add("no span named 'checkout' arrived");
        }

        if (agent.Spans.FirstOrDefault(s => s.Name == "cache.get") is { } k)
        {
            Check(failures, "cache service", k.Service, "store-cache");
            Check(failures, "cache resource", k.Resource, "GET");
            Check(failures, "cache trace id", k.TraceId, 99UL);
            Check(failures, "cache parent id", k.ParentId, 7UL);
            Check(failures, "cache start", k.Start, (checkout.Start - DateTime.UnixEpoch).Ticks * 100 + 1_000_000);
            Check(failures, "cache span id", k.SpanId, 8UL);
            Check(failures, "cache error", k.Error, 0);
            Check(failures, "cache cache.key", k.Meta.GetValueOrDefault("cache.key"), "cart:42");
        }
        else
        {
            failures.Add("no span named 'cache.get' arrived");
        }

        // The checkout span again, through SpanMarshal.Hosting's writer: it must arrive when the host stops.
        Check(failures, "hosted writer buffered the trace", HostedWriter.Write(agent, checkout), true);
        Check(failures, "hosted writer's span", agent.Spans.Count == 3 ? agent.Spans[2].Resource : $"{agent.Spans.Count} spans in all", "POST /cart/checkout");

        foreach (string failure in failures)
        {
            Console.Error.WriteLine("FAILED: " + failure);
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{Environment.Version}: {agent.Spans.Count} spans arrived, {failures.Count} checks failed"));
        return failures.Count == 0 ? 0 : 1;
    }

    private static void Check<T>(List<string> failures, string what, T actual, T expected)
    {
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected}, got {actual}"));
        }
    }
}
