using System;

namespace SpanMarshal.Testing.Http;

/// <summary>
/// A request body as it arrives: the array grows (doubling, never past the limit) only when what
/// arrived fills it, so a client that declares 25 MiB and sends 1 KiB costs 16 KiB, not 25 MiB.
/// Not pooled: the recorded request keeps the final array.
/// </summary>
internal sealed class BodyBuffer
{
    private const int InitialBytes = 16 * 1024;

    private readonly int _limit;
    private byte[] _bytes;

    public BodyBuffer(int limit)
    {
        _limit = limit;
        _bytes = new byte[Math.Min(limit, InitialBytes)];
    }

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, Length);

    /// <summary>Room for at most <paramref name="wanted"/> more bytes (at least one), growing the array when it is full.</summary>
    public Memory<byte> Free(int wanted)
    {
        if (Length == _bytes.Length)
        {
            if (Length == _limit)
            {
                throw new InvalidOperationException("the body is already at its limit");
            }

            byte[] bigger = new byte[(int)Math.Min(2L * _bytes.Length, _limit)];
            _bytes.AsSpan(0, Length).CopyTo(bigger);
            _bytes = bigger;
        }

        return _bytes.AsMemory(Length, Math.Min(wanted, _bytes.Length - Length));
    }

    public void Advance(int count) => Length += count;
}
