using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// A span's meta and metrics maps as both msgpack encoders write them: meta goes straight into the
/// body behind a one-byte fixmap header that is widened (shifting the map) only when the span has more
/// than 15; metrics arrive interleaved with meta, so they go to a small scratch buffer appended after
/// the meta map when the span ends.
/// </summary>
internal struct SpanTags
{
    private const int InitialMetricsBytes = 1024;

    private PooledBuffer _metrics;
    private int _metricsCount;
    private int _metaHeader;
    private int _metaCount;

    public SpanTags(BufferPools pools) => _metrics = new PooledBuffer(pools.Bytes, InitialMetricsBytes);

    /// <summary>Starts a span whose one-byte meta header is at <paramref name="metaHeader"/> in the body.</summary>
    public void Start(int metaHeader)
    {
        _metaHeader = metaHeader;
        _metaCount = 0;
        _metrics.Length = 0;
        _metricsCount = 0;
    }

    /// <summary>Counts a meta entry written into the body.</summary>
    public void AddedMeta() => _metaCount++;

    /// <summary>Room for a metric of at most <paramref name="bytes"/> bytes, or a null ref when the metrics would outgrow <paramref name="maxBytes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref byte ReserveMetric(long bytes, int maxBytes)
    {
        if (bytes > _metrics.Capacity - _metrics.Length)
        {
            if (_metrics.Length + bytes > maxBytes)
            {
                return ref Unsafe.NullRef<byte>();
            }

            _metrics.Grow((int)bytes);
        }

        return ref _metrics.At(_metrics.Length);
    }

    /// <summary>Counts a metric of <paramref name="bytes"/> bytes written where <see cref="ReserveMetric"/> pointed.</summary>
    public void AddedMetric(int bytes)
    {
        _metrics.Length += bytes;
        _metricsCount++;
    }

    /// <summary>The most bytes <see cref="Finish"/> appends to the body after a metrics key of <paramref name="metricsKeyBytes"/>.</summary>
    public readonly long FinishBytes(int metricsKeyBytes)
        => (MsgPack.CollectionHeaderSize(_metaCount) - 1) + metricsKeyBytes + MsgPack.MaxHeaderBytes + (long)_metrics.Length;

    /// <summary>
    /// Patches the meta header, then appends <paramref name="metricsKey"/> and the metrics map. The
    /// caller reserved <see cref="FinishBytes"/> in <paramref name="body"/>.
    /// </summary>
    public readonly void Finish(ref PooledBuffer body, ReadOnlySpan<byte> metricsKey)
    {
        int metaSize = MsgPack.CollectionHeaderSize(_metaCount);
        if (metaSize > 1)
        {
            body.ShiftRight(_metaHeader + 1, metaSize - 1);
        }

        MsgPack.WriteCollectionHeader(ref body.At(_metaHeader), _metaCount, metaSize, isMap: true);
        ref byte d = ref body.At(body.Length);
        metricsKey.CopyTo(MemoryMarshal.CreateSpan(ref d, metricsKey.Length));
        int p = metricsKey.Length;
        int metricsSize = MsgPack.CollectionHeaderSize(_metricsCount);
        MsgPack.WriteCollectionHeader(ref Unsafe.Add(ref d, p), _metricsCount, metricsSize, isMap: true);
        p += metricsSize;
        MsgPack.CopyMediumBytes(ref Unsafe.Add(ref d, p), ref _metrics.At(0), _metrics.Length);
        body.Length += p + _metrics.Length;
    }

    /// <summary>Returns the scratch buffer. Idempotent.</summary>
    public void Release() => _metrics.Return();
}
