namespace SpanMarshal.Benchmarks;

/// <summary>
/// A typical server span of a tracer: the four span strings, ids and times, and 11 tags
/// (7 meta, 4 metrics) held in typed members, the shape the generator reads directly.
/// </summary>
public sealed class WebSpan
{
    public string Service = "";
    public string Name = "";
    public string Resource = "";
    public string Type = "";
    public ulong TraceIdHigh;
    public ulong TraceIdLow;
    public ulong SpanId;
    public ulong ParentId;
    public long Start;
    public long Duration;
    public bool Error;

    public string Env = "";
    public string Version = "";
    public string Component = "";
    public string SpanKind = "";
    public string HttpMethod = "";
    public string HttpRoute = "";
    public string HttpUrl = "";

    public double StatusCode;
    public double SamplingPriority;
    public double TopLevel;
    public double Measured;
}
