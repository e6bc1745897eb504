using System;
using System.Collections.Generic;

namespace SpanMarshal.Hosting.Tests;

/// <summary>A tracer's span, as a hosted application registers it.</summary>
[GenerateTraceMarshaller]
public sealed partial class HostedSpan
{
    public string Name { get; init; } = "worker.job";

    public string? Service { get; init; } = "hosted-store";

    public UInt128 TraceId { get; init; }

    public ulong SpanId { get; init; }

    public DateTime Start { get; init; } = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    public TimeSpan Duration { get; init; } = TimeSpan.FromMilliseconds(3);

    public Dictionary<string, string> Meta { get; } = new() { ["component"] = "hosting-test" };

    public static IReadOnlyList<HostedSpan> Trace(ulong id) => [new HostedSpan { TraceId = id, SpanId = id }];
}
