using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace SpanMarshal.Marshalling.Sinks;

/// <summary>
/// What an exporter adds to the spans it sends, as Datadog tracers do: its service for a span that
/// names none, and the <c>env</c>, <c>version</c> and <c>_dd.hostname</c> tags. Encoded to UTF-8
/// once per exporter into pinned memory, so the sink core hands the same bytes to every span.
/// </summary>
/// <remarks>
/// A span's own <c>env</c>, <c>version</c> or <c>_dd.hostname</c> tag wins (a tracer that tags a
/// span deliberately knows better than a process-wide default; dd-trace-dotnet lets a later
/// <c>SetTag</c> override them too). <c>version</c> goes only on spans of the exporter's own
/// service (none named, or the same name), as in dd-trace-dotnet: the version of the application
/// says nothing about the database or queue a span of another service stands for.
/// </remarks>
internal sealed unsafe class SpanDefaults
{
    private const string EnvironmentKey = "env";
    private const string VersionKey = "version";
    private const string HostNameKey = "_dd.hostname";

    // Keys and values back to back; pinned for the life of the exporter, so the slices stay valid.
    private readonly byte[] _bytes;
    private readonly CharSlice[] _keys = new CharSlice[3];
    private readonly CharSlice[] _values = new CharSlice[3];
    private readonly Tags _everySpan;
    private readonly bool _hasVersion;

    public SpanDefaults(string? service, string? environment, string? version, string? hostName)
    {
        string?[] values = [environment, version, hostName];
        string[] keys = [EnvironmentKey, VersionKey, HostNameKey];
        int size = Encoding.UTF8.GetByteCount(service ?? string.Empty);
        for (int i = 0; i < keys.Length; i++)
        {
            size += Encoding.UTF8.GetByteCount(keys[i]) + Encoding.UTF8.GetByteCount(values[i] ?? string.Empty);
        }

        _bytes = GC.AllocateUninitializedArray<byte>(Math.Max(size, 1), pinned: true);
        int used = 0;
        Service = Append(service, ref used);
        for (int i = 0; i < keys.Length; i++)
        {
            _keys[i] = Append(keys[i], ref used);
            _values[i] = Append(values[i], ref used);
        }

        _everySpan = (environment is null ? Tags.None : Tags.Environment) | (hostName is null ? Tags.None : Tags.HostName);
        _hasVersion = version is not null;
        IsEmpty = service is null && _everySpan == Tags.None && !_hasVersion;
    }

    /// <summary>The tags the exporter may add; one bit each, so the sink tracks a span's pending tags in one byte.</summary>
    [Flags]
    public enum Tags : byte
    {
        None = 0,
        Environment = 1,
        Version = 2,
        HostName = 4,
    }

    /// <summary>Nothing to add: no service, environment, version or host name.</summary>
    public static SpanDefaults None { get; } = new(null, null, null, null);

    /// <summary>True when the exporter adds nothing, so the sink core skips every check.</summary>
    public bool IsEmpty { get; }

    /// <summary>The service of spans that name none (empty when the exporter has none).</summary>
    public CharSlice Service { get; }

    /// <summary>The tags a span whose own service is <paramref name="spanService"/> gets, unless it sets them itself.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Tags For(CharSlice spanService)
        => _hasVersion && (spanService.IsEmpty || IsService(spanService))
            ? _everySpan | Tags.Version
            : _everySpan;

    /// <summary>The key of <paramref name="tag"/> (exactly one bit).</summary>
    public CharSlice Key(Tags tag) => _keys[Index(tag)];

    /// <summary>The value of <paramref name="tag"/> (exactly one bit).</summary>
    public CharSlice Value(Tags tag) => _values[Index(tag)];

    /// <summary>The default tag a span's own tag <paramref name="key"/> replaces, or <see cref="Tags.None"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tags Replaced(string key) => key.Length switch
    {
        3 when key == EnvironmentKey => Tags.Environment,
        7 when key == VersionKey => Tags.Version,
        12 when key == HostNameKey => Tags.HostName,
        _ => Tags.None,
    };

    /// <summary>The default tag a span's own tag <paramref name="utf8Key"/> replaces, or <see cref="Tags.None"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tags Replaced(ReadOnlySpan<byte> utf8Key) => utf8Key.Length switch
    {
        3 when utf8Key.SequenceEqual("env"u8) => Tags.Environment,
        7 when utf8Key.SequenceEqual("version"u8) => Tags.Version,
        12 when utf8Key.SequenceEqual("_dd.hostname"u8) => Tags.HostName,
        _ => Tags.None,
    };

    // Once per span: services are short, so up to 16 bytes are compared inline as two overlapping words.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsService(CharSlice spanService)
    {
        nuint length = Service.Len;
        if (spanService.Len != length)
        {
            return false;
        }

        byte* a = spanService.Ptr;
        byte* b = Service.Ptr;
        return length is >= 8 and <= 16
            ? Unsafe.ReadUnaligned<ulong>(a) == Unsafe.ReadUnaligned<ulong>(b) && Unsafe.ReadUnaligned<ulong>(a + length - 8) == Unsafe.ReadUnaligned<ulong>(b + length - 8)
            : spanService.AsSpan().SequenceEqual(Service.AsSpan());
    }

    private static int Index(Tags tag) => tag switch
    {
        Tags.Environment => 0,
        Tags.Version => 1,
        _ => 2,
    };

    // Valid UTF-8 whatever the input: lone surrogates become U+FFFD, as in every string the pipelines send.
    private CharSlice Append(string? value, ref int used)
    {
        if (value is null)
        {
            return default;
        }

        int length = Encoding.UTF8.GetBytes(value, _bytes.AsSpan(used));
        var slice = new CharSlice((byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_bytes)) + used, length);
        used += length;
        return slice;
    }
}
