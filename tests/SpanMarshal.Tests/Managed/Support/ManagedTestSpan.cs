using System;
using System.Collections.Generic;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>Where a <see cref="ManagedTestSpan"/> throws while it is marshalled.</summary>
public enum FailurePoint
{
    None,
    BeforeStart,
    AfterStart,
}

/// <summary>A span class of the kind a tracer has: typed fields plus string, numeric and mixed tag bags.</summary>
public sealed class ManagedTestSpan
{
    private readonly string? _resource;
    private readonly Dictionary<string, double>? _metrics;

    public string? Service { get; init; }

    public string? Name { get; init; }

    public string? Resource
    {
        get => Fail == FailurePoint.BeforeStart ? throw new InvalidOperationException("resource getter failed") : _resource;
        init => _resource = value;
    }

    public string? Type { get; init; }

    public UInt128 TraceId { get; init; }

    public ulong SpanId { get; init; }

    public ulong ParentId { get; init; }

    public long Start { get; init; }

    public long Duration { get; init; }

    public bool Error { get; init; }

    public Dictionary<string, string?>? Meta { get; init; }

    public Dictionary<string, double>? Metrics
    {
        get => Fail == FailurePoint.AfterStart ? throw new InvalidOperationException("metrics getter failed") : _metrics;
        init => _metrics = value;
    }

    public Dictionary<string, object?>? Tags { get; init; }

    public FailurePoint Fail { get; init; }
}
