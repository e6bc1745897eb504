using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// A request body made of its headers (v0.4: the traces' array header; v0.5: <c>[string_table, traces]</c>
/// around the table) and a slice of the encoded batch, written without copying the table or the chunks. Its length is known, so the request carries a Content-Length. It is written
/// in pieces, each reported to the attempt's <see cref="ProgressWatchdog"/>, so a large body that
/// keeps moving is never taken for a stalled agent.
/// </summary>
internal sealed class BatchContent : HttpContent
{
    // The slowest agent whose upload is never cut while it moves: one piece is written within ResponseTimeout at this rate.
    private const int MinReadBytesPerSecond = 128 * 1024;
    private const int MinPieceBytes = 64 * 1024;
    private const int MaxPieceBytes = 1024 * 1024;

    private static readonly MediaTypeHeaderValue MsgPackType = new(AgentHeaders.MsgPackContentType);

    /// <summary>The most bytes the headers around a slice take: v0.5's outer array, and the table's and the traces' array headers.</summary>
    public const int MaxHeadersBytes = 1 + (2 * MsgPack.MaxHeaderBytes);

    // The table's prefix (v0.5 only) at the start, the traces' array header after it.
    private readonly byte[] _headers = new byte[MaxHeadersBytes];
    private readonly int _tablePrefixSize;
    private readonly int _tracesHeaderSize;
    private readonly BatchSlice _slice;
    private readonly ProgressWatchdog _watchdog;
    private readonly int _pieceBytes;

    /// <param name="slice">The traces to send.</param>
    /// <param name="watchdog">The attempt's watchdog, told of every piece written.</param>
    /// <param name="pieceBytes">The most bytes written between two reports of progress (<see cref="PieceBytes"/>).</param>
    public BatchContent(BatchSlice slice, ProgressWatchdog watchdog, int pieceBytes)
    {
        _slice = slice;
        _watchdog = watchdog;
        _pieceBytes = pieceBytes;
        _tablePrefixSize = WriteTablePrefix(slice, _headers);
        _tracesHeaderSize = WriteTracesHeader(slice, _headers.AsSpan(_tablePrefixSize));
        Headers.ContentType = MsgPackType;
    }

    /// <summary>
    /// The most bytes written between two reports of progress for <paramref name="responseTimeout"/>: as large as an agent
    /// reading 128 KiB/s takes in that time, from 64 KiB to 1 MiB (with the default 10 s). Each write costs more than its
    /// bytes: on loopback, a 442 KB body written in 64 KiB pieces took about a fifth more CPU than in one.
    /// </summary>
    public static int PieceBytes(TimeSpan responseTimeout)
        => responseTimeout == Timeout.InfiniteTimeSpan
            ? MaxPieceBytes
            : (int)Math.Clamp(responseTimeout.TotalSeconds * MinReadBytesPerSecond, MinPieceBytes, MaxPieceBytes);

    /// <summary>The body length of a request carrying <paramref name="slice"/>.</summary>
    public static long Length(BatchSlice slice)
        => (slice.Version == TraceApiVersion.V05 ? 1 + MsgPack.CollectionHeaderSize(slice.StringCount) + slice.StringTable.Length : 0)
            + MsgPack.CollectionHeaderSize(slice.ChunkCount) + slice.Chunks.Length;

    /// <summary>v0.5: the outer array's header and the string table's (the table follows); v0.4: nothing.</summary>
    /// <returns>The bytes written.</returns>
    public static int WriteTablePrefix(BatchSlice slice, Span<byte> destination)
    {
        if (slice.Version != TraceApiVersion.V05)
        {
            return 0;
        }

        destination[0] = 0x92;
        return 1 + WriteArrayHeader(destination[1..], slice.StringCount);
    }

    /// <summary>The traces' array header (the chunks follow).</summary>
    /// <returns>The bytes written.</returns>
    public static int WriteTracesHeader(BatchSlice slice, Span<byte> destination) => WriteArrayHeader(destination, slice.ChunkCount);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        => WriteAsync(stream, sync: false, cancellationToken).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // With sync every write is synchronous, so the task is already complete; the fallback only guards that promise.
        ValueTask written = WriteAsync(stream, sync: true, cancellationToken);
        if (written.IsCompleted)
        {
            written.GetAwaiter().GetResult();
        }
        else
        {
            written.AsTask().GetAwaiter().GetResult();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Length(_slice);
        return true;
    }

    private async ValueTask WriteAsync(Stream stream, bool sync, CancellationToken cancellationToken)
    {
        if (_tablePrefixSize != 0)
        {
            await WritePieceAsync(stream, _headers.AsMemory(0, _tablePrefixSize), sync, cancellationToken).ConfigureAwait(false);
            await WritePiecesAsync(stream, _slice.StringTable, sync, cancellationToken).ConfigureAwait(false);
        }

        await WritePieceAsync(stream, _headers.AsMemory(_tablePrefixSize, _tracesHeaderSize), sync, cancellationToken).ConfigureAwait(false);
        await WritePiecesAsync(stream, _slice.Chunks, sync, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WritePiecesAsync(Stream stream, ReadOnlyMemory<byte> bytes, bool sync, CancellationToken cancellationToken)
    {
        for (int offset = 0; offset < bytes.Length; offset += _pieceBytes)
        {
            await WritePieceAsync(stream, bytes.Slice(offset, Math.Min(_pieceBytes, bytes.Length - offset)), sync, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask WritePieceAsync(Stream stream, ReadOnlyMemory<byte> piece, bool sync, CancellationToken cancellationToken)
    {
        if (sync)
        {
            stream.Write(piece.Span);
        }
        else
        {
            await stream.WriteAsync(piece, cancellationToken).ConfigureAwait(false);
        }

        _watchdog.Progress();
    }

    private static int WriteArrayHeader(Span<byte> destination, int count)
    {
        int size = MsgPack.CollectionHeaderSize(count);
        MsgPack.WriteCollectionHeader(ref destination[0], count, size, isMap: false);
        return size;
    }
}
