using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// A request body made of an array header and a slice of the encoded batch, written without
/// copying the chunks. Its length is known, so the request carries a Content-Length. It is written
/// in pieces, each reported to the attempt's <see cref="ProgressWatchdog"/>, so a large body that
/// keeps moving is never taken for a stalled agent.
/// </summary>
internal sealed class BatchContent : HttpContent
{
    // The most bytes written between two reports of progress: an agent would have to read slower
    // than 6.5 KiB/s for one piece to outlast the default ResponseTimeout.
    private const int PieceBytes = 64 * 1024;

    private static readonly MediaTypeHeaderValue MsgPackType = new(AgentHeaders.MsgPackContentType);

    private readonly byte[] _header;
    private readonly int _headerSize;
    private readonly ReadOnlyMemory<byte> _chunks;
    private readonly ProgressWatchdog _watchdog;

    public BatchContent(BatchSlice slice, ProgressWatchdog watchdog)
    {
        _header = ArrayHeader(slice.ChunkCount, out _headerSize);
        _chunks = slice.Chunks;
        _watchdog = watchdog;
        Headers.ContentType = MsgPackType;
    }

    /// <summary>The body length of a request carrying <paramref name="slice"/>.</summary>
    public static long Length(BatchSlice slice) => MsgPack.CollectionHeaderSize(slice.ChunkCount) + slice.Chunks.Length;

    /// <summary>The msgpack array header for <paramref name="count"/> chunks.</summary>
    public static byte[] ArrayHeader(int count, out int size)
    {
        var header = new byte[MsgPack.MaxHeaderBytes];
        size = MsgPack.CollectionHeaderSize(count);
        MsgPack.WriteCollectionHeader(ref header[0], count, size, isMap: false);
        return header;
    }

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
        length = _headerSize + _chunks.Length;
        return true;
    }

    private async ValueTask WriteAsync(Stream stream, bool sync, CancellationToken cancellationToken)
    {
        await WritePieceAsync(stream, _header.AsMemory(0, _headerSize), sync, cancellationToken).ConfigureAwait(false);
        for (int offset = 0; offset < _chunks.Length; offset += PieceBytes)
        {
            await WritePieceAsync(stream, _chunks.Slice(offset, Math.Min(PieceBytes, _chunks.Length - offset)), sync, cancellationToken).ConfigureAwait(false);
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
}
