using System;
using System.Collections.Generic;
using System.Globalization;

namespace QuickStart;

/// <summary>
/// Builds realistic traces: a web request with child database and cache spans, with 128-bit
/// trace ids and errors on some requests. Seeded, so every run sends the same traffic.
/// </summary>
internal sealed class TrafficGenerator
{
    private static readonly string[] Routes = ["GET /products/{id}", "GET /cart", "POST /checkout", "GET /search"];
    private readonly Random _random;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
    private ulong _nextSpanId = 1;

    public TrafficGenerator(int seed) => _random = new Random(seed);

    public List<IReadOnlyList<RequestSpan>> Traces(int count)
    {
        var traces = new List<IReadOnlyList<RequestSpan>>(count);
        for (int i = 0; i < count; i++)
        {
            traces.Add(Request(i));
        }

        return traces;
    }

    private List<RequestSpan> Request(int index)
    {
        var traceId = new UInt128((ulong)_random.NextInt64(), (ulong)_random.NextInt64());
        string route = Routes[index % Routes.Length];
        bool failed = index % 17 == 5;
        DateTimeOffset start = _start.AddMilliseconds(index * 10);
        var root = new RequestSpan
        {
            OperationName = "aspnet_core.request",
            ServiceName = "web-store",
            ResourceName = route,
            Type = "web",
            TraceId = traceId,
            SpanId = _nextSpanId++,
            StartTime = start,
            Duration = TimeSpan.FromMilliseconds(20 + _random.Next(80)),
            IsError = failed,
            HttpMethod = route[..route.IndexOf(' ', StringComparison.Ordinal)],
            HttpRoute = route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..],
            HttpStatusCode = failed ? "500" : "200",
        };
        root.Tags["span.kind"] = "server";
        root.Tags["language"] = "dotnet";
        if (failed)
        {
            root.Tags["error.type"] = "System.TimeoutException";
            root.Tags["error.message"] = "The database did not answer in time.";
        }

        root.Metrics["_sampling_priority_v1"] = 1;
        root.Metrics["_dd.top_level"] = 1;

        var spans = new List<RequestSpan> { root };
        int queries = 1 + _random.Next(3);
        for (int q = 0; q < queries; q++)
        {
            var query = Child(root, "postgres.query", "web-store-db", "SELECT * FROM products WHERE id = $1", "sql", start.AddMilliseconds(2 + (q * 5)));
            query.Tags["db.system"] = "postgresql";
            query.Tags["db.instance"] = "store";
            query.Metrics["db.row_count"] = _random.Next(1, 50);
            spans.Add(query);
        }

        var cache = Child(root, "redis.command", "web-store-cache", "GET", "cache", start.AddMilliseconds(1));
        cache.Tags["redis.raw_command"] = string.Create(CultureInfo.InvariantCulture, $"GET product:{_random.Next(1000)}");
        spans.Add(cache);
        return spans;
    }

    private RequestSpan Child(RequestSpan parent, string name, string service, string resource, string type, DateTimeOffset start)
        => new()
        {
            OperationName = name,
            ServiceName = service,
            ResourceName = resource,
            Type = type,
            TraceId = parent.TraceId,
            SpanId = _nextSpanId++,
            ParentId = parent.SpanId,
            StartTime = start,
            Duration = TimeSpan.FromMilliseconds(1 + _random.Next(5)),
        };
}
