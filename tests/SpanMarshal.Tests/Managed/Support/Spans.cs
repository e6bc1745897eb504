using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

using SpanMarshal.Tests.Support;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>Builds realistic spans and batches for the managed pipeline's tests.</summary>
public static class Spans
{
    public static TestSpan Typical(int trace, int index, UInt128? traceId = null) => new()
    {
        Service = "web-store",
        Name = index == 0 ? "aspnet.request" : "sql.query",
        Resource = index == 0 ? "GET /products/{id}" : "SELECT * FROM products WHERE id = @id",
        Type = index == 0 ? "web" : "sql",
        TraceId = traceId ?? new UInt128(0x6543_2100_0000_0000UL + (ulong)trace, 0x1234_5678_9ABC_DEF0UL + (ulong)trace),
        SpanId = 1000UL + (ulong)(trace * 100) + (ulong)index,
        ParentId = index == 0 ? 0 : 1000UL + (ulong)(trace * 100),
        Start = 1_700_000_000_000_000_000L + index,
        Duration = 1_500_000L + index,
        Error = index % 3 == 2,
        Meta = new Dictionary<string, string?>
        {
            ["env"] = "prod",
            ["http.method"] = "GET",
            ["http.url"] = "https://shop.example/products/" + trace.ToString(CultureInfo.InvariantCulture),
            ["language"] = "dotnet",
        },
        Metrics = new Dictionary<string, double>
        {
            ["_dd.top_level"] = 1,
            ["_sampling_priority_v1"] = 1,
            ["http.status_code"] = 200,
        },
    };

    public static List<IReadOnlyList<TestSpan>> Batch(int traces, int spansPerTrace)
        => [.. Enumerable.Range(0, traces).Select(t => (IReadOnlyList<TestSpan>)[.. Enumerable.Range(0, spansPerTrace).Select(s => Typical(t, s))])];
}
