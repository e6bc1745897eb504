using System;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>Describes a request's result as the libdatadog pipeline describes the same outcome.</summary>
internal static class ManagedResponses
{
    private const int MaxBodyInMessage = 512;

    public static RequestOutcome Outcome(AttemptResult result, BatchSlice slice, ILogger logger)
    {
        TraceExporterErrorCode? code = result.HttpStatus is int status
            ? TraceExporterResponse.ErrorCodeForHttpStatus(status)
            : result.Error;

        if (code is null)
        {
            return new RequestOutcome(slice.ChunkCount, slice.SpanCount, result.HttpStatus, null, null, result.Body.Bytes, result.Body.ServiceRates(logger));
        }

        result.Body.LogIfCut(logger);
        return new RequestOutcome(slice.ChunkCount, slice.SpanCount, result.HttpStatus, code, Message(result), result.Body.Bytes, null);
    }

    private static string Message(AttemptResult result)
    {
        if (result.HttpStatus is not int status)
        {
            return result.Message ?? "unknown error";
        }

        // The agent explains a 400 in its body; keep enough of it to be useful in a log.
        byte[] bytes = result.Body.Bytes;
        string body = Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, MaxBodyInMessage))).Trim();
        string code = status.ToString(CultureInfo.InvariantCulture);
        return body.Length == 0 ? "the agent answered HTTP " + code : "the agent answered HTTP " + code + ": " + body;
    }
}
