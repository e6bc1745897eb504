using System;
using System.Collections.Generic;

namespace SpanMarshal.Generator.Tests.EndToEnd;

/// <summary>
/// Compiled by the real build with the generator referenced as an analyzer, exactly as a
/// consumer's project does: if the wiring breaks, this project stops compiling or the test fails.
/// </summary>
[GenerateTraceMarshaller]
internal sealed partial class EndToEndSpan
{
    private readonly string _name = "e2e.op";

    public string Service { get; set; } = "e2e";

    public ulong TraceId { get; set; } = 4;

    public ulong SpanId { get; set; } = 5;

    public TimeSpan Duration { get; set; } = TimeSpan.FromTicks(3);

    public Dictionary<string, string> Tags { get; } = new() { ["k"] = "v" };

    public override string ToString() => _name;
}
