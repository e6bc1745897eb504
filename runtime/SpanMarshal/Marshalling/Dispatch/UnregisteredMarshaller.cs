using System;

namespace SpanMarshal.Marshalling.Dispatch;

/// <summary>
/// The marshaller of a declared span type that has none of its own (an abstract base or an
/// interface): its spans go to their runtime types' marshallers; a span no registered type covers
/// is a programming error, reported as one.
/// </summary>
/// <typeparam name="TSpan">The declared span type.</typeparam>
internal readonly struct UnregisteredMarshaller<TSpan> : ITraceMarshaller<TSpan>
    where TSpan : class
{
    public static void Marshal<TSink>(TSpan span, ref TSink sink)
        where TSink : struct, ISpanSink
        => throw NotRegistered(span.GetType());

    public static InvalidOperationException NotRegistered(Type type) => new(
        $"No trace marshaller is registered for '{type.FullName}' or any of its base types. Mark the class with [GenerateTraceMarshaller] " +
        "and reference the SpanMarshal package (which runs the generator), or call TraceMarshallers.Register.");
}
