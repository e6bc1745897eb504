using System.Buffers;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>Where the encoder rents its buffers: the shared pools, or counting pools in tests that prove every rental comes back.</summary>
internal sealed class BufferPools
{
    public BufferPools(ArrayPool<byte> bytes, ArrayPool<int> ints)
    {
        Bytes = bytes;
        Ints = ints;
    }

    public static BufferPools Shared { get; } = new(ArrayPool<byte>.Shared, ArrayPool<int>.Shared);

    public ArrayPool<byte> Bytes { get; }

    public ArrayPool<int> Ints { get; }
}
