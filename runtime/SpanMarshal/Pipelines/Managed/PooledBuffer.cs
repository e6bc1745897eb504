using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// A growable byte buffer rented from a pool: written at its end, grown by doubling (copying what
/// was written), shifted to open a gap, and returned. Limits are the caller's: the encoder decides
/// how large a request may grow before it asks for room.
/// </summary>
internal struct PooledBuffer
{
    private readonly ArrayPool<byte> _pool;
    private byte[]? _array;

    public PooledBuffer(ArrayPool<byte> pool, int initialCapacity)
    {
        _pool = pool;
        _array = pool.Rent(initialCapacity);
    }

    /// <summary>The bytes written so far.</summary>
    public int Length;

    /// <summary>The rented array's size.</summary>
    public readonly int Capacity => _array!.Length;

    /// <summary>The byte at <paramref name="offset"/>, unchecked: the caller ensured the capacity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ref byte At(int offset) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array!), offset);

    /// <summary>The written bytes.</summary>
    public readonly ReadOnlySpan<byte> Written => _array.AsSpan(0, Length);

    /// <summary>The written bytes, for a request body that outlives this call.</summary>
    public readonly ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, Length);

    /// <summary>The room after the written bytes.</summary>
    public readonly Span<byte> WritableTail() => _array.AsSpan(Length);

    /// <summary>Grows the array so that <paramref name="bytes"/> more bytes fit after <see cref="Length"/>.</summary>
    public void Grow(int bytes)
    {
        int needed = checked(Length + bytes);
        if (needed <= Capacity)
        {
            return;
        }

        byte[] larger = _pool.Rent((int)Math.Min(Math.Max((long)Capacity * 2, needed), Array.MaxLength));
        Written.CopyTo(larger);
        _pool.Return(_array!);
        _array = larger;
    }

    /// <summary>Opens a gap of <paramref name="by"/> bytes at <paramref name="from"/> by moving everything written after it.</summary>
    public void ShiftRight(int from, int by)
    {
        Grow(by);
        _array.AsSpan(from, Length - from).CopyTo(_array.AsSpan(from + by));
        Length += by;
    }

    /// <summary>Drops the first <paramref name="bytes"/> written bytes, moving the rest to the front.</summary>
    public void RemoveFirst(int bytes)
    {
        _array.AsSpan(bytes, Length - bytes).CopyTo(_array);
        Length -= bytes;
    }

    /// <summary>Returns the array to the pool, if the buffer still owns one. Idempotent.</summary>
    public void Return()
    {
        if (_array is not null)
        {
            _pool.Return(_array);
            _array = null;
        }

        Length = 0;
    }
}
