using System.Collections.Generic;

namespace SpanMarshal.Generator.Tests.Infrastructure;

/// <summary>Everything a marshaller told the <see cref="RecordingSink"/>, in a form tests can assert on.</summary>
internal sealed class Recording
{
    public List<string> Calls { get; } = [];

    public string? Service { get; set; }

    public string? Name { get; set; }

    public string? Resource { get; set; }

    public string? SpanType { get; set; }

    public ulong TraceIdLow { get; set; }

    public ulong TraceIdHigh { get; set; }

    public ulong SpanId { get; set; }

    public ulong ParentId { get; set; }

    public long Start { get; set; }

    public long Duration { get; set; }

    public int Error { get; set; }

    public List<KeyValuePair<string, string?>> Meta { get; } = [];

    public List<KeyValuePair<string, double>> Metrics { get; } = [];

    public List<string> Skipped { get; } = [];

    /// <summary>UTF-8 buffers handed out by <c>Utf8</c>; pinned so the slices stay valid.</summary>
    internal List<byte[]> Buffers { get; } = [];
}
