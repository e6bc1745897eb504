using System;

namespace SpanMarshal.Testing.Decoding;

/// <summary>A payload so broken that decoding cannot go on.</summary>
internal sealed class PayloadException : Exception
{
    public PayloadException(string message)
        : base(message)
    {
    }

    public PayloadException()
    {
    }

    public PayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
