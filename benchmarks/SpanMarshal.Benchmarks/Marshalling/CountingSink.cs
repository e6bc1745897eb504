using System;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Benchmarks.Marshalling;

/// <summary>
/// The sink of the marshal-only benchmarks: it takes every call a marshaller makes and keeps a
/// checksum of what it was given, so nothing can be optimised away, but encodes nothing. Strings get
/// their UTF-8 views from the same per-thread cache the pipelines use.
/// </summary>
internal struct CountingSink : ISpanSink
{
    private readonly Utf8Strings _strings;

    public CountingSink(Utf8Strings strings) => _strings = strings;

    /// <summary>A sum over everything received.</summary>
    public long Checksum;

    public readonly CharSlice Utf8(string? value) => _strings.Get(value);

    public void StartSpan(in TracerSpanFields fields)
        => Checksum += (long)(fields.Service.Len + fields.Name.Len + fields.Resource.Len + fields.SpanType.Len)
            + (long)(fields.TraceIdLow ^ fields.TraceIdHigh ^ fields.SpanId ^ fields.ParentId) + fields.Start + fields.Duration + fields.Error;

    public void SetMeta(string key, string? value) => Checksum += key.Length + (value?.Length ?? 0);

    public void SetMeta(ReadOnlySpan<byte> utf8Key, string? value) => Checksum += utf8Key.Length + (value?.Length ?? 0);

    public void SetMetric(string key, double value) => Checksum += key.Length + (long)value;

    public void SetMetric(ReadOnlySpan<byte> utf8Key, double value) => Checksum += utf8Key.Length + (long)value;

    public void SkipTag(string key) => Checksum++;

    public void EndSpan()
    {
        Checksum++;
        _strings.EndSpan();
    }
}
