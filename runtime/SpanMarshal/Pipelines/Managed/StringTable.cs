using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// A v0.5 string table: each distinct string once, as a msgpack str, in the order first used, with a
/// content index (open addressing over a per-process randomised hash, so strings an attacker controls,
/// such as URLs, cannot be chosen to collide) that finds a string's index by its bytes.
/// </summary>
internal struct StringTable
{
    private const int InitialBytes = 16 * 1024;
    private const int InitialEntries = 256;

    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64();

    private readonly BufferPools _pools;
    private PooledBuffer _bytes;
    private int[] _starts;
    private int[] _hashes;
    private int[] _buckets;
    private int _bucketMask;
    private int _count;

    public StringTable(BufferPools pools)
    {
        _pools = pools;
        _bytes = new PooledBuffer(pools.Bytes, InitialBytes);
        _starts = pools.Ints.Rent(InitialEntries + 1);
        _hashes = pools.Ints.Rent(InitialEntries);
        _buckets = pools.Ints.Rent(InitialEntries * 2);
        _bucketMask = (InitialEntries * 2) - 1;
        _starts[0] = 0;
        ClearBuckets();
    }

    /// <summary>The strings in the table.</summary>
    public readonly int Count => _count;

    /// <summary>The table's entries back to back, each a msgpack str.</summary>
    public readonly ReadOnlyMemory<byte> Encoded => _bytes.WrittenMemory;

    /// <summary>The UTF-8 bytes of entry <paramref name="index"/> (without its header).</summary>
    public readonly ReadOnlySpan<byte> Utf8(int index)
    {
        int start = _starts[index];
        return _bytes.Written[(start + HeaderSize(_bytes.At(start))).._starts[index + 1]];
    }

    /// <summary>Where entry <paramref name="index"/>'s UTF-8 bytes start in <see cref="Encoded"/>.</summary>
    public readonly int Offset(int index)
    {
        int start = _starts[index];
        return start + HeaderSize(_bytes.At(start));
    }

    /// <summary>True when the <paramref name="length"/> bytes at <paramref name="offset"/> equal those at <paramref name="value"/>.</summary>
    /// <remarks>Read through a reference, so <paramref name="value"/> may be a key on the GC heap that is not pinned.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Holds(int offset, ref byte value, int length)
    {
        ref byte entry = ref _bytes.At(offset);
        if (length >= 8)
        {
            return length <= 16
                ? Unsafe.ReadUnaligned<ulong>(ref entry) == Unsafe.ReadUnaligned<ulong>(ref value)
                    && Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref entry, length - 8)) == Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref value, length - 8))
                : MemoryMarshal.CreateReadOnlySpan(ref entry, length).SequenceEqual(MemoryMarshal.CreateReadOnlySpan(ref value, length));
        }

        if (length >= 4)
        {
            return Unsafe.ReadUnaligned<uint>(ref entry) == Unsafe.ReadUnaligned<uint>(ref value)
                && Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref entry, length - 4)) == Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref value, length - 4));
        }

        for (int i = 0; i < length; i++)
        {
            if (Unsafe.Add(ref entry, i) != Unsafe.Add(ref value, i))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The bytes a string of <paramref name="length"/> UTF-8 bytes adds to the table.</summary>
    public static long EntryBytes(long length) => MsgPack.StringHeaderSize((int)Math.Min(length, int.MaxValue)) + length;

    /// <summary>
    /// The hash <see cref="Find"/> and <see cref="Add"/> take for <paramref name="utf8"/>: eight bytes at a
    /// time, multiplied and folded, from a seed drawn once per process, so colliding strings cannot be
    /// chosen in advance.
    /// </summary>
    public static int Hash(ReadOnlySpan<byte> utf8)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15UL;
        ulong hash = Seed ^ (ulong)utf8.Length;
        ref byte p = ref MemoryMarshal.GetReference(utf8);
        int i = 0;
        for (; i + 8 <= utf8.Length; i += 8)
        {
            hash = (hash ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i))) * Multiplier;
            hash ^= hash >> 29;
        }

        // The last 1 to 7 bytes, little-endian, in at most three reads rather than a byte loop (every distinct
        // string of a batch, a URL per span, is hashed once).
        int left = utf8.Length - i;
        ulong tail = left == 0 ? 0
            : utf8.Length >= 8 ? Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, utf8.Length - 8)) >> ((8 - left) * 8)
            : left >= 4 ? Unsafe.ReadUnaligned<uint>(ref p) | ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, left - 4)) << ((left - 4) * 8))
            : p | ((ulong)Unsafe.Add(ref p, left >> 1) << ((left >> 1) * 8)) | ((ulong)Unsafe.Add(ref p, left - 1) << ((left - 1) * 8));

        // A multiply carries only upwards, so a bare one leaves its low bits (the bucket) blind to the tail's high
        // bytes: URLs ending in consecutive ids shared one probe run and every lookup walked it. MurmurHash3's
        // finaliser makes every bit count in every bit.
        hash ^= tail;
        hash = (hash ^ (hash >> 33)) * 0xFF51AFD7ED558CCDUL;
        hash = (hash ^ (hash >> 33)) * 0xC4CEB9FE1A85EC53UL;
        return (int)(hash ^ (hash >> 33));
    }

    /// <summary>The index of <paramref name="utf8"/>, or -1 when the table does not hold it.</summary>
    public readonly int Find(ReadOnlySpan<byte> utf8, int hash)
    {
        for (int b = hash & _bucketMask; ; b = (b + 1) & _bucketMask)
        {
            int entry = _buckets[b];
            if (entry == 0)
            {
                return -1;
            }

            if (_hashes[entry - 1] == hash && Utf8(entry - 1).SequenceEqual(utf8))
            {
                return entry - 1;
            }
        }
    }

    /// <summary>Adds <paramref name="utf8"/> (not in the table yet) and returns its index.</summary>
    public int Add(ReadOnlySpan<byte> utf8, int hash)
    {
        if ((_count + 1) * 2 > _bucketMask + 1)
        {
            Rehash((_bucketMask + 1) * 2);
        }

        if (_count + 2 > _starts.Length || _count + 1 > _hashes.Length)
        {
            _hashes = GrowCopy(_hashes, _count);
            _starts = GrowCopy(_starts, _count + 1);
        }

        int header = MsgPack.StringHeaderSize(utf8.Length);
        _bytes.Grow(header + utf8.Length);
        MsgPack.WriteStringHeader(ref _bytes.At(_bytes.Length), utf8.Length, header);
        utf8.CopyTo(_bytes.WritableTail()[header..]);
        _bytes.Length += header + utf8.Length;
        int index = _count++;
        _starts[_count] = _bytes.Length;
        _hashes[index] = hash;
        Insert(hash, index);
        return index;
    }

    /// <summary>Keeps only the first <paramref name="count"/> entries (the strings a rewound trace added go).</summary>
    public void Truncate(int count)
    {
        if (count == _count)
        {
            return;
        }

        _count = count;
        _bytes.Length = _starts[count];
        ClearBuckets();
        for (int i = 0; i < count; i++)
        {
            Insert(_hashes[i], i);
        }
    }

    /// <summary>Empties the table; its buffers are kept.</summary>
    public void Clear()
    {
        if (_count != 0)
        {
            _count = 0;
            _bytes.Length = 0;
            ClearBuckets();
        }
    }

    /// <summary>Returns the buffers to the pools. Idempotent.</summary>
    public void Release()
    {
        _bytes.Return();
        if (_buckets.Length != 0)
        {
            _pools.Ints.Return(_starts);
            _pools.Ints.Return(_hashes);
            _pools.Ints.Return(_buckets);
            _starts = _hashes = _buckets = [];
        }
    }

    private static int HeaderSize(byte marker) => marker switch
    {
        0xD9 => 2,
        0xDA => 3,
        0xDB => 5,
        _ => 1,
    };

    private readonly void ClearBuckets() => _buckets.AsSpan(0, _bucketMask + 1).Clear();

    private readonly void Insert(int hash, int index)
    {
        int b = hash & _bucketMask;
        while (_buckets[b] != 0)
        {
            b = (b + 1) & _bucketMask;
        }

        _buckets[b] = index + 1;
    }

    private void Rehash(int size)
    {
        _pools.Ints.Return(_buckets);
        _buckets = _pools.Ints.Rent(size);
        _bucketMask = size - 1;
        ClearBuckets();
        for (int i = 0; i < _count; i++)
        {
            Insert(_hashes[i], i);
        }
    }

    private readonly int[] GrowCopy(int[] array, int used)
    {
        int[] larger = _pools.Ints.Rent(checked(array.Length * 2));
        array.AsSpan(0, used).CopyTo(larger);
        _pools.Ints.Return(array);
        return larger;
    }
}
