using System;

namespace SpanMarshal.Testing.Http;

/// <summary>A request the agent refuses before it has read it whole: the status to answer and why.</summary>
internal sealed class BadRequestException : Exception
{
    public BadRequestException(int status, string message)
        : base(message) => Status = status;

    public BadRequestException()
        : this(400, "bad request")
    {
    }

    public BadRequestException(string message)
        : this(400, message)
    {
    }

    public BadRequestException(string message, Exception innerException)
        : base(message, innerException) => Status = 400;

    /// <summary>The status to answer: 400, or 408, 413, 431, 501, 505.</summary>
    public int Status { get; }
}
