namespace SpanMarshal.Marshalling;

/// <summary>
/// Marshals one span type. The SpanMarshal generator implements it for every class marked
/// <see cref="GenerateTraceMarshallerAttribute"/>; hand-written implementations follow the same rules.
/// </summary>
/// <typeparam name="TSpan">The span class.</typeparam>
public interface ITraceMarshaller<TSpan>
    where TSpan : class
{
    /// <summary>
    /// Reads <paramref name="span"/>'s members, fills a stack-allocated
    /// <see cref="TracerSpanFields"/>, starts the span, adds its tags and ends it on <paramref name="sink"/>.
    /// Must not allocate and must not <c>stackalloc</c> anything sized by the span's data.
    /// </summary>
    static abstract void Marshal<TSink>(TSpan span, ref TSink sink)
        where TSink : struct, ISpanSink;
}
