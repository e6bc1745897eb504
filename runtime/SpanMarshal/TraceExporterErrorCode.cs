namespace SpanMarshal;

/// <summary>
/// libdatadog's <c>ddog_TraceExporterErrorCode</c>, value for value (unchanged since v21).
/// The managed pipeline reports its failures with the same codes.
/// </summary>
public enum TraceExporterErrorCode
{
    /// <summary>The address is in use.</summary>
    AddressInUse = 0,
    /// <summary>The connection was aborted.</summary>
    ConnectionAborted = 1,
    /// <summary>The connection was refused.</summary>
    ConnectionRefused = 2,
    /// <summary>The connection was reset.</summary>
    ConnectionReset = 3,
    /// <summary>The HTTP body could not be formed.</summary>
    HttpBodyFormat = 4,
    /// <summary>The HTTP body is too long.</summary>
    HttpBodyTooLong = 5,
    /// <summary>The agent answered with a 4xx status (400-498).</summary>
    HttpClient = 6,
    /// <summary>The HTTP body was empty.</summary>
    HttpEmptyBody = 7,
    /// <summary>The HTTP response could not be parsed.</summary>
    HttpParse = 8,
    /// <summary>The agent answered with a 5xx status.</summary>
    HttpServer = 9,
    /// <summary>An unclassified HTTP failure.</summary>
    HttpUnknown = 10,
    /// <summary>The agent answered with an unexpected status.</summary>
    HttpWrongStatus = 11,
    /// <summary>An argument was invalid.</summary>
    InvalidArgument = 12,
    /// <summary>The data was invalid.</summary>
    InvalidData = 13,
    /// <summary>The input was invalid, for example not UTF-8.</summary>
    InvalidInput = 14,
    /// <summary>The agent URL is invalid.</summary>
    InvalidUrl = 15,
    /// <summary>An I/O error, including a cancelled send.</summary>
    IoError = 16,
    /// <summary>An unclassified network failure.</summary>
    NetworkUnknown = 17,
    /// <summary>Serialization failed.</summary>
    Serde = 18,
    /// <summary>The exporter is shutting down.</summary>
    Shutdown = 19,
    /// <summary>The operation timed out.</summary>
    TimedOut = 20,
    /// <summary>Telemetry failed.</summary>
    Telemetry = 21,
    /// <summary>An internal error.</summary>
    Internal = 22,
    /// <summary>libdatadog panicked.</summary>
    Panic = 23,
}
