using System.ComponentModel;

namespace SpanMarshal.Marshalling;

/// <summary>
/// Marshals one span type. The SpanMarshal generator implements it, as a struct, for every class
/// marked <see cref="GenerateTraceMarshallerAttribute"/>; part of the generated-code contract.
/// Hand-written implementations follow the same rules.
/// </summary>
/// <typeparam name="TSpan">The span class.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ITraceMarshaller<TSpan>
    where TSpan : class
{
    /// <summary>
    /// Reads <paramref name="span"/>'s members, fills a stack-allocated
    /// <see cref="TracerSpanFields"/>, starts the span, adds its tags and ends it on <paramref name="sink"/>.
    /// Must not allocate and must not <c>stackalloc</c> anything sized by the span's data.
    /// </summary>
    /// <typeparam name="TSink">The pipeline's sink; a struct, so this method is compiled per pipeline.</typeparam>
    /// <param name="span">The span to marshal.</param>
    /// <param name="sink">Where the span goes.</param>
    static abstract void Marshal<TSink>(TSpan span, ref TSink sink)
        where TSink : struct, ISpanSink;
}
