using System;
using System.ComponentModel;
using SpanMarshal.Marshalling.Dispatch;

namespace SpanMarshal.Marshalling;

/// <summary>
/// The marshaller registration behind <see cref="TraceExporter.Send{TSpan}"/>: a static field read
/// per batch, no reflection. Generated code registers every <see cref="GenerateTraceMarshallerAttribute"/>
/// type from a module initializer; part of the generated-code contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TraceMarshallers
{
    /// <summary>Registers <typeparamref name="TMarshaller"/> as the marshaller of <typeparamref name="TSpan"/> and of its unregistered subclasses.</summary>
    /// <typeparam name="TSpan">The span class.</typeparam>
    /// <typeparam name="TMarshaller">Its marshaller: a struct, so every use is compiled for exactly it (NativeAOT needs that).</typeparam>
    public static void Register<TSpan, TMarshaller>()
        where TSpan : class
        where TMarshaller : struct, ITraceMarshaller<TSpan>
    {
        TypedBatchMarshaller<TSpan, TMarshaller> marshaller = TypedBatchMarshaller<TSpan, TMarshaller>.Instance;
        Registered<TSpan>.Marshaller = marshaller;
        MarshallerRegistry.Add(typeof(TSpan), marshaller);
    }

    /// <summary>True when a marshaller is registered for <typeparamref name="TSpan"/> itself.</summary>
    /// <typeparam name="TSpan">The span class.</typeparam>
    public static bool IsRegistered<TSpan>()
        where TSpan : class
        => Registered<TSpan>.Marshaller is not null;

    /// <summary>
    /// The batch walk for <typeparamref name="TSpan"/>: its own marshaller, else one that marshals
    /// each span by its runtime type's (or nearest registered base's) marshaller.
    /// </summary>
    /// <exception cref="InvalidOperationException">No span of <typeparamref name="TSpan"/> could ever be marshalled.</exception>
    internal static BatchMarshaller<TSpan> For<TSpan>()
        where TSpan : class
    {
        if (Registered<TSpan>.Marshaller is { } marshaller)
        {
            return marshaller;
        }

        // A sealed type's spans are all of that type: with no registered base, fail before sending anything.
        if (typeof(TSpan).IsSealed && MarshallerRegistry.NearestRegistered(typeof(TSpan), stopAt: null) is null)
        {
            throw UnregisteredMarshaller<TSpan>.NotRegistered(typeof(TSpan));
        }

        return Unregistered<TSpan>.Marshaller;
    }

    /// <summary>The batch walk with an explicit marshaller for <typeparamref name="TSpan"/> itself.</summary>
    internal static BatchMarshaller<TSpan> For<TSpan, TMarshaller>()
        where TSpan : class
        where TMarshaller : struct, ITraceMarshaller<TSpan>
        => TypedBatchMarshaller<TSpan, TMarshaller>.Instance;

    private static class Registered<TSpan>
        where TSpan : class
    {
        internal static BatchMarshaller<TSpan>? Marshaller;
    }

    private static class Unregistered<TSpan>
        where TSpan : class
    {
        internal static readonly BatchMarshaller<TSpan> Marshaller = new TypedBatchMarshaller<TSpan, UnregisteredMarshaller<TSpan>>(exactType: null);
    }
}
