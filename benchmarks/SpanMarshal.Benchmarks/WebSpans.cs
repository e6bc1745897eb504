using System;
using System.Collections.Generic;
using System.Globalization;

namespace SpanMarshal.Benchmarks;

/// <summary>
/// A batch as a web service produces it: shared constants for service, names, keys and
/// routes, and a distinct URL string per span (as a real request would have). With
/// <paramref name="stringsPerRequest"/> the resource, route and method are also new instances
/// per span (equal text), as when a tracer builds them from each request: no cache hits for them.
/// </summary>
public static class WebSpans
{
    public static List<IReadOnlyList<WebSpan>> Batch(int traces, int spansPerTrace, bool stringsPerRequest = false)
    {
        string Fresh(string value) => stringsPerRequest ? new string(value.AsSpan()) : value;

        var batch = new List<IReadOnlyList<WebSpan>>(traces);
        for (int t = 0; t < traces; t++)
        {
            var chunk = new List<WebSpan>(spansPerTrace);
            for (int s = 0; s < spansPerTrace; s++)
            {
                chunk.Add(new WebSpan
                {
                    Service = "web-store",
                    Name = "aspnet.request",
                    Resource = Fresh("GET /api/products/{id}"),
                    Type = "web",
                    TraceIdHigh = 0x6543_2100_0000_0000UL,
                    TraceIdLow = 0x1234_5678_9ABC_DEF0UL + (ulong)t,
                    SpanId = 0x0FED_CBA9_8765_4321UL + (ulong)((t * spansPerTrace) + s),
                    ParentId = s == 0 ? 0 : 0x0FED_CBA9_8765_4321UL + (ulong)(t * spansPerTrace),
                    Start = 1_732_560_000_000_000_000L + (t * 1_000_000L),
                    Duration = 1_534_000L + s,
                    Error = s % 10 == 9,
                    Env = "prod",
                    Version = "1.4.2",
                    Component = "aspnet_core",
                    SpanKind = "server",
                    HttpMethod = Fresh("GET"),
                    HttpRoute = Fresh("/api/products/{id}"),
                    HttpUrl = string.Create(CultureInfo.InvariantCulture, $"https://shop.example/api/products/{10000 + (t * spansPerTrace) + s}"),
                    StatusCode = "200",
                    SamplingPriority = 1,
                    TopLevel = s == 0 ? 1 : 0,
                    Measured = 1,
                });
            }

            batch.Add(chunk);
        }

        return batch;
    }
}
