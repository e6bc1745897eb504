namespace SpanMarshal.Writing;

/// <summary>What became of one written trace.</summary>
internal enum WriteOutcome
{
    /// <summary>Marshalled into the front buffer: at least one of its spans will be sent.</summary>
    Buffered,

    /// <summary>Left out whole while marshalling (null, empty, every span invalid, too large); counted when the buffer is sent.</summary>
    LeftOut,

    /// <summary>Both buffers were full: dropped.</summary>
    BufferFull,

    /// <summary>The writer was disposed: dropped.</summary>
    Closed,
}
