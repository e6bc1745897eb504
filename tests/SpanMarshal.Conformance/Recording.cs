using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using SpanMarshal.Testing;

namespace SpanMarshal.Tests.Support;

/// <summary>What the conformance library received, read back from its JSON dump.</summary>
public sealed class Recording
{
    private readonly JsonElement _root;

    public Recording(JsonElement root) => _root = root;

    public IReadOnlyDictionary<string, long> Live => _root.GetProperty("live").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    public IReadOnlyDictionary<string, long> Calls => _root.GetProperty("calls").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    public int SendsInProgress => _root.GetProperty("sends_in_progress").GetInt32();

    public IReadOnlyList<JsonElement> Exporters => _root.GetProperty("exporters").EnumerateArray().ToList();

    public IReadOnlyList<RecordedSend> Sends => _root.GetProperty("sends").EnumerateArray().Select(s => new RecordedSend(s)).ToList();

    public IReadOnlyList<JsonElement> RawSends => _root.GetProperty("raw_sends").EnumerateArray().ToList();

    public long CallCount(string function) => Calls.TryGetValue(function, out long n) ? n : 0;

    /// <summary>Every chunk of every send, as the agent would receive them.</summary>
    public IReadOnlyList<IReadOnlyList<ReceivedSpan>> ReceivedTraces
        => [.. Sends.SelectMany(send => send.Chunks).Select(chunk => (IReadOnlyList<ReceivedSpan>)[.. chunk.Select(span => span.ToReceived())])];

    /// <summary>The settings of the last exporter created.</summary>
    public JsonElement LastExporterSettings => Exporters[^1].GetProperty("settings");
}

public sealed class RecordedSend
{
    public RecordedSend(JsonElement send)
    {
        Exporter = send.GetProperty("exporter").GetInt32();
        HadCancelToken = send.GetProperty("cancel_token").GetBoolean();
        Cancelled = send.GetProperty("cancelled").GetBoolean();
        Capacity = send.GetProperty("capacity").GetInt64();
        Thread = send.GetProperty("thread").GetString()!;
        ChunkCapacities = send.GetProperty("chunks").EnumerateArray().Select(c => c.GetProperty("capacity").GetInt64()).ToList();
        Chunks = send.GetProperty("chunks").EnumerateArray()
            .Select(c => (IReadOnlyList<RecordedSpan>)c.GetProperty("spans").EnumerateArray().Select(s => new RecordedSpan(s)).ToList())
            .ToList();
    }

    public int Exporter { get; }

    public bool HadCancelToken { get; }

    public bool Cancelled { get; }

    public long Capacity { get; }

    /// <summary>The name of the thread that made the send (as the OS sees it: at most 15 characters).</summary>
    public string Thread { get; }

    public IReadOnlyList<long> ChunkCapacities { get; }

    public IReadOnlyList<IReadOnlyList<RecordedSpan>> Chunks { get; }
}

public sealed class RecordedSpan
{
    public RecordedSpan(JsonElement s)
    {
        Service = s.GetProperty("service").GetString()!;
        Name = s.GetProperty("name").GetString()!;
        Resource = s.GetProperty("resource").GetString()!;
        Type = s.GetProperty("type").GetString()!;
        TraceIdLow = s.GetProperty("trace_id_low").GetUInt64();
        TraceIdHigh = s.GetProperty("trace_id_high").GetUInt64();
        SpanId = s.GetProperty("span_id").GetUInt64();
        ParentId = s.GetProperty("parent_id").GetUInt64();
        Start = s.GetProperty("start").GetInt64();
        Duration = s.GetProperty("duration").GetInt64();
        Error = s.GetProperty("error").GetInt32();
        Meta = s.GetProperty("meta").EnumerateArray().ToDictionary(kv => kv[0].GetString()!, kv => kv[1].GetString()!);
        Metrics = s.GetProperty("metrics").EnumerateArray().ToDictionary(kv => kv[0].GetString()!, kv => kv[1].ValueKind == JsonValueKind.String ? double.Parse(kv[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture) : kv[1].GetDouble());
    }

    public string Service { get; }

    public string Name { get; }

    public string Resource { get; }

    public string Type { get; }

    public ulong TraceIdLow { get; }

    public ulong TraceIdHigh { get; }

    public ulong SpanId { get; }

    public ulong ParentId { get; }

    public long Start { get; }

    public long Duration { get; }

    public int Error { get; }

    public IReadOnlyDictionary<string, string> Meta { get; }

    public IReadOnlyDictionary<string, double> Metrics { get; }

    /// <summary>
    /// The span as the agent decodes it from libdatadog's request: libdatadog sends the low half of the
    /// trace id as <c>trace_id</c> and the high half as the chunk's <c>_dd.p.tid</c>, which the agent puts back together.
    /// </summary>
    public ReceivedSpan ToReceived() => new(Service, Name, Resource, Type, new UInt128(TraceIdHigh, TraceIdLow), SpanId, ParentId, Start, Duration, Error, Meta, Metrics);
}
