namespace SpanMarshal;

/// <summary>How a send ended, classified the same way whichever pipeline ran.</summary>
public enum TraceExporterStatus
{
    /// <summary>The agent accepted the payload.</summary>
    Ok,

    /// <summary>The agent rejected the request (HTTP 4xx; libdatadog's <c>HttpClient</c>).</summary>
    ClientError,

    /// <summary>The agent failed (HTTP 5xx; libdatadog's <c>HttpServer</c>).</summary>
    ServerError,

    /// <summary>Anything else: network, cancellation, invalid input, encoding.</summary>
    InternalError,
}
