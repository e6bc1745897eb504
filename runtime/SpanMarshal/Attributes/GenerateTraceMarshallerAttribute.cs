using System;

namespace SpanMarshal;

/// <summary>
/// Asks the SpanMarshal source generator to emit a reflection-free, allocation-free
/// marshaller for this span class, so that <see cref="TraceExporter.Send{TSpan}"/> accepts it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GenerateTraceMarshallerAttribute : Attribute
{
}
