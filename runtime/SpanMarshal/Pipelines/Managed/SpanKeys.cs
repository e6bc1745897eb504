using System;
using System.Runtime.CompilerServices;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// The v0.4 span map's keys as msgpack strings, as constant bytes: the JIT knows each length
/// and unrolls the copies, so a span's fixed parts cost a few stores instead of encoding keys.
/// </summary>
/// <remarks>Checked against a msgpack encoder by the encoder tests (byte-for-byte equality).</remarks>
internal static class SpanKeys
{
    /// <summary>
    /// The most bytes a span map takes before its strings and tags: every key, the four string
    /// headers, six integers at their widest, and the meta map's one-byte header.
    /// </summary>
    public static int FixedBytes
    {
        // Folds to a constant only when inlined; called, it cost a call and the sum on every span.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => MapAndService.Length + Name.Length + Resource.Length + Type.Length + TraceId.Length + SpanId.Length + ParentId.Length
            + Start.Length + Duration.Length + Error.Length + Meta.Length
            + (4 * MsgPack.MaxHeaderBytes) + (6 * MsgPack.MaxScalarBytes) + 1;
    }

    /// <summary>fixmap(12) + "service".</summary>
    public static ReadOnlySpan<byte> MapAndService => [0x8C, 0xA7, 0x73, 0x65, 0x72, 0x76, 0x69, 0x63, 0x65];

    /// <summary>"name".</summary>
    public static ReadOnlySpan<byte> Name => [0xA4, 0x6E, 0x61, 0x6D, 0x65];

    /// <summary>"resource".</summary>
    public static ReadOnlySpan<byte> Resource => [0xA8, 0x72, 0x65, 0x73, 0x6F, 0x75, 0x72, 0x63, 0x65];

    /// <summary>"type".</summary>
    public static ReadOnlySpan<byte> Type => [0xA4, 0x74, 0x79, 0x70, 0x65];

    /// <summary>"trace_id".</summary>
    public static ReadOnlySpan<byte> TraceId => [0xA8, 0x74, 0x72, 0x61, 0x63, 0x65, 0x5F, 0x69, 0x64];

    /// <summary>"span_id".</summary>
    public static ReadOnlySpan<byte> SpanId => [0xA7, 0x73, 0x70, 0x61, 0x6E, 0x5F, 0x69, 0x64];

    /// <summary>"parent_id".</summary>
    public static ReadOnlySpan<byte> ParentId => [0xA9, 0x70, 0x61, 0x72, 0x65, 0x6E, 0x74, 0x5F, 0x69, 0x64];

    /// <summary>"start".</summary>
    public static ReadOnlySpan<byte> Start => [0xA5, 0x73, 0x74, 0x61, 0x72, 0x74];

    /// <summary>"duration".</summary>
    public static ReadOnlySpan<byte> Duration => [0xA8, 0x64, 0x75, 0x72, 0x61, 0x74, 0x69, 0x6F, 0x6E];

    /// <summary>"error".</summary>
    public static ReadOnlySpan<byte> Error => [0xA5, 0x65, 0x72, 0x72, 0x6F, 0x72];

    /// <summary>"meta".</summary>
    public static ReadOnlySpan<byte> Meta => [0xA4, 0x6D, 0x65, 0x74, 0x61];

    /// <summary>"metrics".</summary>
    public static ReadOnlySpan<byte> Metrics => [0xA7, 0x6D, 0x65, 0x74, 0x72, 0x69, 0x63, 0x73];
}
