using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace SpanMarshal.Marshalling;

/// <summary>
/// The errors of a marshaller that breaks the sink's call order (a generator bug or a wrong
/// hand-written marshaller), worded the same by every pipeline; thrown out of line so the hot
/// paths stay small.
/// </summary>
internal static class SinkMisuse
{
    public const string TagOutsideSpan = "A tag was added outside StartSpan/EndSpan.";
    public const string StartedTwice = "StartSpan was called twice without EndSpan.";
    public const string EndOutsideSpan = "EndSpan was called outside StartSpan/EndSpan.";
    public const string NeverEnded = "A span was started but never ended (EndSpan is missing).";

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(string message) => throw new InvalidOperationException(message);
}
