// One source for the numbers a metric is sent from. The runtime compiles the conversion below; the
// generator compiles this file too (with SPANMARSHAL_GENERATOR defined) for the list of names, and
// accepts exactly those types for [SpanTag] members and Metrics collections. A type added to one
// half belongs in the other: SpanMarshal.Generator.Tests holds the two halves to each other.
#if SPANMARSHAL_GENERATOR
namespace SpanMarshal.Generator.Parsing;
#else
using System;
using System.Runtime.CompilerServices;

namespace SpanMarshal.Marshalling;
#endif

/// <summary>The numeric types sent as metrics (as <see cref="double"/>, the metric's wire type).</summary>
internal static class MetricNumbers
{
#if SPANMARSHAL_GENERATOR
    /// <summary>
    /// The types, by namespace-qualified metadata name, with their C# spelling for messages and
    /// whether C# converts them to <see cref="double"/> implicitly (else generated code casts).
    /// </summary>
    public static readonly (string MetadataName, string CSharpName, bool ConvertsImplicitly)[] Types =
    [
        ("System.Double", "double", true),
        ("System.Single", "float", true),
        ("System.Int64", "long", true),
        ("System.Int32", "int", true),
        ("System.Int16", "short", true),
        ("System.SByte", "sbyte", true),
        ("System.Byte", "byte", true),
        ("System.UInt16", "ushort", true),
        ("System.UInt32", "uint", true),
        ("System.UInt64", "ulong", true),
        ("System.Decimal", "decimal", false),
        ("System.Half", "Half", false),
    ];
#else
    /// <summary>The metric value of a boxed number of one of the types above; false for anything else.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetDouble(object value, out double number)
    {
        switch (value)
        {
            case double d:
                number = d;
                return true;
            case float f:
                number = f;
                return true;
            case long l:
                number = l;
                return true;
            case int i:
                number = i;
                return true;
            case short s:
                number = s;
                return true;
            case sbyte sb:
                number = sb;
                return true;
            case byte b:
                number = b;
                return true;
            case ushort us:
                number = us;
                return true;
            case uint ui:
                number = ui;
                return true;
            case ulong ul:
                number = ul;
                return true;
            case decimal m:
                number = (double)m;
                return true;
            case Half h:
                number = (double)h;
                return true;
            default:
                number = 0;
                return false;
        }
    }
#endif
}
