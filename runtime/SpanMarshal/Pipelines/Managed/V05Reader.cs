using System;
using System.Buffers.Binary;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// Reads back the v0.5 chunks <see cref="MsgPackV05Encoder"/> wrote (and nothing else: it trusts
/// the bytes), for the two rare paths that need them again: moving a trace into a new string table,
/// and re-encoding a request as v0.4 for an agent that refused v0.5.
/// </summary>
internal ref struct V05Reader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private int _position;

    public V05Reader(ReadOnlySpan<byte> bytes) => _bytes = bytes;

    /// <summary>True once every byte was read.</summary>
    public readonly bool End => _position == _bytes.Length;

    /// <summary>Reads an array or map header and returns its count.</summary>
    public int ReadHeader()
    {
        byte marker = _bytes[_position++];
        switch (marker)
        {
            case 0xDC or 0xDE:
                _position += 2;
                return BinaryPrimitives.ReadUInt16BigEndian(_bytes[(_position - 2)..]);
            case 0xDD or 0xDF:
                _position += 4;
                return checked((int)BinaryPrimitives.ReadUInt32BigEndian(_bytes[(_position - 4)..]));
            default:
                return marker & 0x0F;
        }
    }

    /// <summary>Reads a string-table index.</summary>
    public int ReadIndex() => checked((int)ReadUInt64());

    /// <summary>Reads an unsigned integer in any width.</summary>
    public ulong ReadUInt64()
    {
        byte marker = _bytes[_position++];
        switch (marker)
        {
            case 0xCC:
                return _bytes[_position++];
            case 0xCD:
                _position += 2;
                return BinaryPrimitives.ReadUInt16BigEndian(_bytes[(_position - 2)..]);
            case 0xCE:
                _position += 4;
                return BinaryPrimitives.ReadUInt32BigEndian(_bytes[(_position - 4)..]);
            case 0xCF:
                _position += 8;
                return BinaryPrimitives.ReadUInt64BigEndian(_bytes[(_position - 8)..]);
            default:
                return marker;
        }
    }

    /// <summary>Reads a signed integer in any width (non-negative ones are written unsigned).</summary>
    public long ReadInt64()
    {
        byte marker = _bytes[_position];
        switch (marker)
        {
            case 0xD0:
                _position += 2;
                return (sbyte)_bytes[_position - 1];
            case 0xD1:
                _position += 3;
                return BinaryPrimitives.ReadInt16BigEndian(_bytes[(_position - 2)..]);
            case 0xD2:
                _position += 5;
                return BinaryPrimitives.ReadInt32BigEndian(_bytes[(_position - 4)..]);
            case 0xD3:
                _position += 9;
                return BinaryPrimitives.ReadInt64BigEndian(_bytes[(_position - 8)..]);
            case >= 0xE0:
                _position++;
                return (sbyte)marker;
            default:
                return unchecked((long)ReadUInt64());
        }
    }

    /// <summary>Reads a float64.</summary>
    public double ReadDouble()
    {
        _position += 9;
        return BinaryPrimitives.ReadDoubleBigEndian(_bytes[(_position - 8)..]);
    }

    /// <summary>Reads one span's twelve elements up to its meta map's header (the maps and the type follow).</summary>
    public V05SpanHead ReadSpanHead()
    {
        ReadHeader();
        return new V05SpanHead(
            ReadIndex(), ReadIndex(), ReadIndex(), ReadUInt64(), ReadUInt64(), ReadUInt64(), ReadInt64(), ReadInt64(), (int)ReadInt64());
    }
}

/// <summary>A v0.5 span's elements before its maps: strings as table indexes.</summary>
internal readonly record struct V05SpanHead(int Service, int Name, int Resource, ulong TraceId, ulong SpanId, ulong ParentId, long Start, long Duration, int Error);
