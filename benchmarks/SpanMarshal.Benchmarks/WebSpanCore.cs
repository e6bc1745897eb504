namespace SpanMarshal.Benchmarks;

/// <summary>The span fields both benchmark span shapes share; the generator reads them as inherited members.</summary>
public abstract class WebSpanCore
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
}
