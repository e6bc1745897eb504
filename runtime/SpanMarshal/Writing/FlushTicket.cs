namespace SpanMarshal.Writing;

/// <summary>The buffer the background task is sending: its fill's generation, why it was flushed, and the spans it held.</summary>
internal readonly record struct FlushTicket(long Generation, string Reason, int Spans);
