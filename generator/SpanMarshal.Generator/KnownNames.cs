namespace SpanMarshal.Generator;

/// <summary>Metadata names the generator and analyzers recognise; the runtime defines these types.</summary>
internal static class KnownNames
{
    public const string GenerateAttribute = "SpanMarshal.GenerateTraceMarshallerAttribute";
    public const string SpanFieldAttribute = "SpanMarshal.SpanFieldAttribute";
    public const string SpanIgnoreAttribute = "SpanMarshal.SpanIgnoreAttribute";
    public const string SpanTagAttribute = "SpanMarshal.SpanTagAttribute";
    public const string UnsafeAccessorAttribute = "System.Runtime.CompilerServices.UnsafeAccessorAttribute";
    public const string Marshalling = "global::SpanMarshal.Marshalling";
}
