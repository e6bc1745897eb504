using System;

namespace SpanMarshal;

/// <summary>Excludes a field or property from marshalling, even when its name matches a convention.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SpanIgnoreAttribute : Attribute
{
}
