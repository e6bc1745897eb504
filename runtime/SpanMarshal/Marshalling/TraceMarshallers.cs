using System;

namespace SpanMarshal.Marshalling;

/// <summary>
/// The per-type marshaller registration that lets <see cref="TraceExporter.Send{TSpan}"/> find a
/// span type's marshaller with a static field read: no reflection, no dictionary lookup.
/// Generated code registers every <see cref="GenerateTraceMarshallerAttribute"/> type from a module initializer.
/// </summary>
public static class TraceMarshallers
{
    /// <summary>Registers <typeparamref name="TMarshaller"/> as the marshaller of <typeparamref name="TSpan"/>.</summary>
    public static void Register<TSpan, TMarshaller>()
        where TSpan : class
        where TMarshaller : ITraceMarshaller<TSpan>
        => Registered<TSpan>.Writer = TraceWriter<TSpan, TMarshaller>.Instance;

    /// <summary>True when a marshaller is registered for <typeparamref name="TSpan"/>.</summary>
    public static bool IsRegistered<TSpan>()
        where TSpan : class
        => Registered<TSpan>.Writer is not null;

    internal static TraceWriter<TSpan> For<TSpan>()
        where TSpan : class
        => Registered<TSpan>.Writer ?? throw new InvalidOperationException(
            $"No trace marshaller is registered for '{typeof(TSpan).FullName}'. Mark the class with [GenerateTraceMarshaller] " +
            "and reference the SpanMarshal package (which runs the generator), or call TraceMarshallers.Register.");

    internal static TraceWriter<TSpan> For<TSpan, TMarshaller>()
        where TSpan : class
        where TMarshaller : ITraceMarshaller<TSpan>
        => TraceWriter<TSpan, TMarshaller>.Instance;

    private static class Registered<TSpan>
        where TSpan : class
    {
        internal static TraceWriter<TSpan>? Writer;
    }
}
