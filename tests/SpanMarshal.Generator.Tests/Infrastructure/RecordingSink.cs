using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Generator.Tests.Infrastructure;

/// <summary>A span sink that decodes everything it receives into a <see cref="Recording"/>.</summary>
internal unsafe struct RecordingSink(Recording recording) : ISpanSink
{
    public readonly CharSlice Utf8(string? value)
    {
        recording.Calls.Add("Utf8");
        if (string.IsNullOrEmpty(value))
        {
            return default;
        }

        byte[] bytes = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(value), pinned: true);
        Encoding.UTF8.GetBytes(value, bytes);
        recording.Buffers.Add(bytes);
        return new CharSlice((byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(bytes)), bytes.Length);
    }

    public readonly void StartSpan(in TracerSpanFields fields)
    {
        recording.Calls.Add("StartSpan");
        recording.Service = Decode(fields.Service);
        recording.Name = Decode(fields.Name);
        recording.Resource = Decode(fields.Resource);
        recording.SpanType = Decode(fields.SpanType);
        recording.TraceIdLow = fields.TraceIdLow;
        recording.TraceIdHigh = fields.TraceIdHigh;
        recording.SpanId = fields.SpanId;
        recording.ParentId = fields.ParentId;
        recording.Start = fields.Start;
        recording.Duration = fields.Duration;
        recording.Error = fields.Error;
    }

    public readonly void SetMeta(string key, string? value)
    {
        recording.Calls.Add("SetMeta");
        recording.Meta.Add(new KeyValuePair<string, string?>(key, value));
    }

    public readonly void SetMeta(ReadOnlySpan<byte> utf8Key, string? value)
    {
        recording.Calls.Add("SetMeta(utf8)");
        recording.Meta.Add(new KeyValuePair<string, string?>(Encoding.UTF8.GetString(utf8Key), value));
    }

    public readonly void SetMetric(string key, double value)
    {
        recording.Calls.Add("SetMetric");
        recording.Metrics.Add(new KeyValuePair<string, double>(key, value));
    }

    public readonly void SetMetric(ReadOnlySpan<byte> utf8Key, double value)
    {
        recording.Calls.Add("SetMetric(utf8)");
        recording.Metrics.Add(new KeyValuePair<string, double>(Encoding.UTF8.GetString(utf8Key), value));
    }

    public readonly void SkipTag(string key)
    {
        recording.Calls.Add("SkipTag");
        recording.Skipped.Add(key);
    }

    public readonly void EndSpan() => recording.Calls.Add("EndSpan");

    private static string Decode(CharSlice slice) => Encoding.UTF8.GetString(slice.AsSpan());
}
