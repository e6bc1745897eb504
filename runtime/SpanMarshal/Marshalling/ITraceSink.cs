namespace SpanMarshal.Marshalling;

/// <summary>A pipeline's sink: a span sink that also groups spans into chunks (one chunk per trace).</summary>
internal interface ITraceSink : ISpanSink
{
    /// <summary>Starts a chunk that will hold about <paramref name="spanCount"/> spans.</summary>
    void BeginChunk(int spanCount);

    /// <summary>Ends the current chunk.</summary>
    void EndChunk();

    /// <summary>Reports a span that could not be marshalled (for example a null entry); its neighbours are kept.</summary>
    void ReportBadSpan(string reason);
}
