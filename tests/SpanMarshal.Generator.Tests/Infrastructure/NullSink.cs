using System;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Generator.Tests.Infrastructure;

/// <summary>A sink that allocates nothing, so any allocation measured is the marshaller's own.</summary>
internal struct NullSink : ISpanSink
{
    private long _calls;

    public readonly CharSlice Utf8(string? value) => default;

    public void StartSpan(in TracerSpanFields fields) => _calls += fields.Error;

    public void SetMeta(string key, string? value) => _calls++;

    public void SetMeta(ReadOnlySpan<byte> utf8Key, string? value) => _calls++;

    public void SetMetric(string key, double value) => _calls++;

    public void SetMetric(ReadOnlySpan<byte> utf8Key, double value) => _calls++;

    public void SkipTag(string key) => _calls++;

    public void EndSpan() => _calls++;
}
