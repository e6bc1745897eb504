using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>Maps a transport exception to libdatadog's error code for the same failure.</summary>
internal static class TransportErrors
{
    public static AttemptResult Classify(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return AttemptResult.Failed(socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => TraceExporterErrorCode.ConnectionRefused,
                    SocketError.ConnectionReset => TraceExporterErrorCode.ConnectionReset,
                    SocketError.ConnectionAborted => TraceExporterErrorCode.ConnectionAborted,
                    SocketError.AddressAlreadyInUse => TraceExporterErrorCode.AddressInUse,
                    SocketError.TimedOut => TraceExporterErrorCode.TimedOut,
                    _ => TraceExporterErrorCode.NetworkUnknown,
                }, socket.Message);
            }
        }

        return exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => AttemptResult.Failed(TraceExporterErrorCode.ConnectionAborted, exception.Message),
            HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse } => AttemptResult.Failed(TraceExporterErrorCode.HttpParse, exception.Message),
            HttpRequestException => AttemptResult.Failed(TraceExporterErrorCode.NetworkUnknown, exception.Message),
            _ => AttemptResult.Failed(TraceExporterErrorCode.IoError, exception.Message),
        };
    }

    /// <summary>True for the exceptions a failed attempt may throw (anything else is a bug and propagates).</summary>
    public static bool IsTransportFailure(Exception exception) => exception is HttpRequestException or IOException or SocketException;
}
