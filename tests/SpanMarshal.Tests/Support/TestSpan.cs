using System;
using System.Collections.Generic;

namespace SpanMarshal.Tests.Support;

/// <summary>A tracer's span as a user would write it; getters can be told to throw.</summary>
public sealed class TestSpan
{
    private readonly string? _resource;
    private readonly Dictionary<string, string?> _meta = new();

    public TestSpan(string? resource = "GET /")
        => _resource = resource;

    public string? Service { get; set; } = "web";

    public string? Name { get; set; } = "http.request";

    public string? Resource => ThrowInResource ? throw new InvalidOperationException("resource getter failed") : _resource;

    public string? Type { get; set; } = "web";

    public UInt128 TraceId { get; set; } = 1;

    public ulong SpanId { get; set; } = 2;

    public ulong ParentId { get; set; }

    public long Start { get; set; } = 1_700_000_000_000_000_000;

    public long Duration { get; set; } = 1_000;

    public bool Error { get; set; }

    /// <summary>Throws before the span is started (nothing native exists yet for it).</summary>
    public bool ThrowInResource { get; set; }

    /// <summary>Throws after the span was started (a half-built native span exists).</summary>
    public bool ThrowInMeta { get; set; }

    public Dictionary<string, string?> Meta => ThrowInMeta ? throw new InvalidOperationException("meta getter failed") : _meta;

    public Dictionary<string, double> Metrics { get; } = new();

    public Dictionary<string, object?> Tags { get; } = new();
}
