using System;
using System.Collections.Generic;

namespace SpanMarshal.Tests.Support;

/// <summary>Where a <see cref="TestSpan"/> throws while it is marshalled.</summary>
public enum FailurePoint
{
    None,

    /// <summary>The resource getter throws: nothing is started for the span yet.</summary>
    BeforeStart,

    /// <summary>The meta getter throws: the span was started (a half-built native span or half-written bytes exist).</summary>
    AfterStart,
}

/// <summary>A span class of the kind a tracer has: typed fields plus string, numeric and mixed tag bags; getters can be told to throw.</summary>
public sealed class TestSpan
{
    private string? _resource = "GET /";
    private Dictionary<string, string?> _meta = new();

    public string? Service { get; set; } = "web";

    public string? Name { get; set; } = "http.request";

    public string? Resource
    {
        get => Fail == FailurePoint.BeforeStart ? throw new InvalidOperationException("resource getter failed") : _resource;
        set => _resource = value;
    }

    public string? Type { get; set; } = "web";

    public UInt128 TraceId { get; set; } = 1;

    public ulong SpanId { get; set; } = 2;

    public ulong ParentId { get; set; }

    public long Start { get; set; } = 1_700_000_000_000_000_000;

    public long Duration { get; set; } = 1_000;

    public bool Error { get; set; }

    public Dictionary<string, string?> Meta
    {
        get => Fail == FailurePoint.AfterStart ? throw new InvalidOperationException("meta getter failed") : _meta;
        set => _meta = value;
    }

    public Dictionary<string, double> Metrics { get; set; } = new();

    public Dictionary<string, object?> Tags { get; set; } = new();

    public FailurePoint Fail { get; set; }
}
