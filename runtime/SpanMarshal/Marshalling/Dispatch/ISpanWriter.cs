using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Marshalling.Dispatch;

/// <summary>
/// Marshals one span whose runtime type is more derived than its batch's declared type, with the
/// marshaller registered for that runtime type. A generic interface instantiated per encoder (not
/// a generic method), so the call stays NativeAOT-safe.
/// </summary>
/// <typeparam name="TEncoder">The pipeline's encoder.</typeparam>
internal interface ISpanWriter<TEncoder>
    where TEncoder : struct, ISpanEncoder
{
    /// <summary>Marshals <paramref name="span"/>, which is an instance of this marshaller's span type.</summary>
    void Write(object span, ref TraceSink<TEncoder> sink);
}
