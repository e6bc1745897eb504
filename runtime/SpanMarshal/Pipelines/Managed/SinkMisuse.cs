using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>The errors of a marshaller that breaks the sink's call order; kept out of line so the hot paths stay small.</summary>
internal static class SinkMisuse
{
    public const string TagOutsideSpan = "A tag was added outside StartSpan/EndSpan.";

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(string message) => throw new InvalidOperationException(message);
}
