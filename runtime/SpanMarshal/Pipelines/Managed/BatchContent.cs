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
/// copying the chunks. Its length is known, so the request carries a Content-Length.
/// </summary>
internal sealed class BatchContent : HttpContent
{
    private static readonly MediaTypeHeaderValue MsgPackType = new(AgentHeaders.MsgPackContentType);

    private readonly byte[] _header;
    private readonly int _headerSize;
    private readonly ReadOnlyMemory<byte> _chunks;

    public BatchContent(BatchSlice slice)
    {
        _header = ArrayHeader(slice.ChunkCount, out _headerSize);
        _chunks = slice.Chunks;
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

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_header.AsMemory(0, _headerSize), cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(_chunks, cancellationToken).ConfigureAwait(false);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        stream.Write(_header, 0, _headerSize);
        stream.Write(_chunks.Span);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _headerSize + _chunks.Length;
        return true;
    }
}
