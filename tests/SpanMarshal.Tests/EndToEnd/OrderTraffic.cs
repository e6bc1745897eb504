using System;
using System.Collections.Generic;
using System.Linq;
using SpanMarshal.Testing;

namespace SpanMarshal.Tests.EndToEnd;

/// <summary>
/// Seeded traces that cover what users send: 128-bit and 64-bit trace ids, unicode, a tag
/// larger than any stack buffer, null strings and tag values, mixed tag bags, many chunks.
/// </summary>
internal static class OrderTraffic
{
    public static List<IReadOnlyList<OrderSpan>> Traces(int count, int seed = 7)
    {
        var random = new Random(seed);
        ulong nextId = 1;
        var traces = new List<IReadOnlyList<OrderSpan>>(count);
        for (int t = 0; t < count; t++)
        {
            ulong high = t % 3 == 0 ? 0 : (ulong)random.NextInt64(1, long.MaxValue);
            var traceId = new UInt128(high, (ulong)random.NextInt64());
            int spans = 1 + random.Next(4);
            var trace = new List<OrderSpan>(spans);
            for (int s = 0; s < spans; s++)
            {
                trace.Add(Span(random, traceId, nextId++, s == 0 ? 0 : trace[0].SpanId, t, s));
            }

            traces.Add(trace);
        }

        return traces;
    }

    private static OrderSpan Span(Random random, UInt128 traceId, ulong spanId, ulong parentId, int t, int s)
    {
        var span = new OrderSpan
        {
            OperationName = s == 0 ? "order.checkout" : "order.step",
            ServiceName = t % 5 == 4 ? null : "orders-ü-日本",
            Resource = t % 7 == 6 ? null : $"POST /orders/{t}/items/{s} ✓",
            SpanType = s == 0 ? "web" : null,
            TraceId = traceId,
            SpanId = spanId,
            ParentId = parentId,
            Start = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000 + (t * 1000) + s).AddTicks(random.Next(10_000)),
            Duration = TimeSpan.FromTicks(1 + random.Next(10_000_000)),
            Error = t % 4 == 1 && s == 0,
            HttpMethod = s == 0 ? "POST" : null,
            Route = s == 0 ? $"/orders/{t}/ü" : null,
            StatusCode = t % 6 == 5 ? null : 200 + (t % 3),
            Total = 12.5 * t,
        };
        span.Tags["component"] = "orders";
        span.Tags["customer.name"] = "Zoë 🎉 " + t;
        span.Tags["items"] = s + 1;
        span.Tags["amount"] = 12.5 * (t + 1);
        span.Tags["flag"] = true; // neither string nor number: skipped
        span.Tags["absent"] = null;
        if (t == 3 && s == 0)
        {
            span.Tags["payload"] = new string('x', 100_000) + "end";
        }

        span.Measurements["_dd.measured"] = 1;
        span.Measurements["queue.depth"] = random.Next(100);
        return span;
    }

    /// <summary>What an agent must receive for <paramref name="span"/>, in the one shape both pipelines are compared in.</summary>
    public static ReceivedSpan Expected(OrderSpan span, bool firstInChunk)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        var metrics = new Dictionary<string, double>(span.Measurements, StringComparer.Ordinal);
        foreach ((string key, object? value) in span.Tags)
        {
            switch (value)
            {
                case string text:
                    meta[key] = text;
                    break;
                case int or double:
                    metrics[key] = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
            }
        }

        if (span.HttpMethod is { } method)
        {
            meta["http.method"] = method;
        }

        if (span.Route is { } route)
        {
            meta["order.route ✓"] = route;
        }

        if (span.StatusCode is { } status)
        {
            metrics["http.status_code"] = status;
        }

        metrics["order.total"] = span.Total;

        ulong high = (ulong)(span.TraceId >> 64);
        if (firstInChunk && high != 0)
        {
            meta["_dd.p.tid"] = high.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        }

        return new ReceivedSpan(
            span.ServiceName ?? "",
            span.OperationName,
            span.Resource ?? "",
            span.SpanType ?? "",
            span.TraceId,
            span.SpanId,
            span.ParentId,
            (span.Start.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100,
            span.Duration.Ticks * 100,
            span.Error ? 1 : 0,
            meta,
            metrics);
    }

    public static List<List<ReceivedSpan>> Expected(IEnumerable<IReadOnlyList<OrderSpan>> traces)
        => traces.Select(trace => trace.Select((span, i) => Expected(span, i == 0)).ToList()).ToList();
}
