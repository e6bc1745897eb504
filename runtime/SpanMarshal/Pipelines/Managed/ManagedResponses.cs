using System;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>Builds the same <see cref="TraceExporterResponse"/> the libdatadog path gives for the same outcome.</summary>
internal static class ManagedResponses
{
    private const int MaxBodyInMessage = 512;

    public static TraceExporterResponse Create(AttemptResult result, int traceCount, EncodedBatch batch, ILogger logger)
    {
        TraceExporterErrorCode? code = result.HttpStatus is int status
            ? TraceExporterResponse.ErrorCodeForHttpStatus(status)
            : result.Error;

        if (code is null)
        {
            return new TraceExporterResponse(TraceExporterStatus.Ok, traceCount, batch.Tally, result.Body, ServiceRates.Parse(result.Body, logger), result.HttpStatus);
        }

        return new TraceExporterResponse(TraceExporterResponse.Classify(code.Value), traceCount, batch.Tally, result.Body, null, result.HttpStatus, code, Message(result));
    }

    private static string Message(AttemptResult result)
    {
        if (result.HttpStatus is not int status)
        {
            return result.Message ?? "unknown error";
        }

        // The agent explains a 400 in its body; keep enough of it to be useful in a log.
        string body = Encoding.UTF8.GetString(result.Body.AsSpan(0, Math.Min(result.Body.Length, MaxBodyInMessage))).Trim();
        string code = status.ToString(CultureInfo.InvariantCulture);
        return body.Length == 0 ? "the agent answered HTTP " + code : "the agent answered HTTP " + code + ": " + body;
    }
}
