using System.Text;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// The v0.4 span map's keys, pre-encoded as msgpack strings and fused with the values that
/// never change, so each span copies a handful of constant blocks instead of encoding keys.
/// </summary>
internal static class SpanKeys
{
    /// <summary>The number of entries of every span map.</summary>
    public const int SpanMapEntries = 12;

    /// <summary>fixmap(12) + "service".</summary>
    public static readonly byte[] MapAndService = Concat([0x80 | SpanMapEntries], Key("service"));

    public static readonly byte[] Name = Key("name");

    public static readonly byte[] Resource = Key("resource");

    public static readonly byte[] Type = Key("type");

    public static readonly byte[] TraceId = Key("trace_id");

    public static readonly byte[] SpanId = Key("span_id");

    public static readonly byte[] ParentId = Key("parent_id");

    public static readonly byte[] Start = Key("start");

    public static readonly byte[] Duration = Key("duration");

    public static readonly byte[] Error = Key("error");

    public static readonly byte[] Meta = Key("meta");

    public static readonly byte[] Metrics = Key("metrics");

    /// <summary>"_dd.p.tid" + the str header of its 16 hex digits.</summary>
    public static readonly byte[] TraceIdHighTag = Concat(Key(Marshalling.TraceIdTag.Key), [0xA0 | 16]);

    /// <summary>The most bytes the constant parts of one span map take.</summary>
    public static readonly int FixedBytes =
        MapAndService.Length + Name.Length + Resource.Length + Type.Length + TraceId.Length + SpanId.Length + ParentId.Length +
        Start.Length + Duration.Length + Error.Length + Meta.Length + Metrics.Length +
        (4 * MsgPack.MaxHeaderBytes) + (6 * MsgPack.MaxScalarBytes) + 1 + (2 * MsgPack.MaxHeaderBytes) + TraceIdHighTag.Length + 16;

    private static byte[] Key(string key)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(key);
        return Concat([(byte)(0xA0 | utf8.Length)], utf8);
    }

    private static byte[] Concat(byte[] first, byte[] second) => [.. first, .. second];
}
