using System;

namespace SpanMarshal.Native;

/// <summary>A libdatadog call failed in a way that fails the whole send (not just one span).</summary>
internal sealed class LibDatadogCallException : Exception
{
    public LibDatadogCallException(string function, NativeFailure failure)
        : base($"{function} failed: {failure}")
        => Failure = failure;

    public NativeFailure Failure { get; }
}
