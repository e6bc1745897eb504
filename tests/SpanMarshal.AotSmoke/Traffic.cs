using System;
using System.Collections.Generic;
using System.Globalization;

namespace SpanMarshal.AotSmoke;

/// <summary>Traces of a web request calling two services: the root and a child of the base type, two derived client spans.</summary>
internal static class Traffic
{
    public static List<IReadOnlyList<HttpSpan>> Build(int traceCount)
    {
        var traces = new List<IReadOnlyList<HttpSpan>>(traceCount);
        var start = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        for (int t = 0; t < traceCount; t++)
        {
            // Every other trace has a 128-bit id: its high half travels as _dd.p.tid.
            UInt128 traceId = new((t % 2 == 0) ? 0x6a1b_0000_0000_0000UL + (ulong)t : 0, 0x1000UL + (ulong)t);
            ulong root = 0x10_0000UL + ((ulong)t * 10);
            string id = t.ToString(CultureInfo.InvariantCulture);
            var request = new HttpSpan
            {
                Service = "web-store",
                Resource = "GET /orders/{id}",
                TraceId = traceId,
                SpanId = root,
                Start = start.AddMilliseconds(t),
                Duration = TimeSpan.FromMilliseconds(12.5),
                Method = "GET",
                StatusCode = t % 7 == 0 ? 500 : 200,
                Error = t % 7 == 0,
            };
            request.Meta["http.url"] = "https://shop.example/orders/" + id;
            request.Meta["language"] = "dotnet";
            request.Metrics["_sampling_priority_v1"] = 1;
            request.Metrics["_dd.top_level"] = 1;

            traces.Add(
            [
                request,
                Client(traceId, root, root + 1, start.AddMilliseconds(t + 1), "payments", "POST /charge", "payments.internal", retries: t % 3),
                Client(traceId, root, root + 2, start.AddMilliseconds(t + 2), "stock", "GET /items/" + id, "stock.internal", retries: 0),
                new HttpSpan { OperationName = "render", Service = "web-store", Type = "template", TraceId = traceId, SpanId = root + 3, ParentId = root, Start = start.AddMilliseconds(t + 3), Duration = TimeSpan.FromTicks(12_345) },
            ]);
        }

        return traces;
    }

    private static HttpClientSpan Client(UInt128 traceId, ulong parent, ulong spanId, DateTime start, string service, string resource, string host, int retries)
    {
        var span = new HttpClientSpan
        {
            OperationName = "http.client.request",
            Service = service,
            Resource = resource,
            Type = "http",
            TraceId = traceId,
            SpanId = spanId,
            ParentId = parent,
            Start = start,
            Duration = TimeSpan.FromMilliseconds(3),
            Method = resource[..resource.IndexOf(' ', StringComparison.Ordinal)],
            StatusCode = 200,
            PeerHost = host,
            Retries = retries,
        };
        span.Meta["span.kind"] = "client";
        return span;
    }
}
