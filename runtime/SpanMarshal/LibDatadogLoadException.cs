using System;

namespace SpanMarshal;

/// <summary>libdatadog could not be loaded, or the library found lacks exports this version of SpanMarshal needs.</summary>
public sealed class LibDatadogLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LibDatadogLoadException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LibDatadogLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public LibDatadogLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when libdatadog was looked up by name and is not there: the usual state without it, not a fault.</summary>
    internal bool IsNotInstalled { get; init; }
}
