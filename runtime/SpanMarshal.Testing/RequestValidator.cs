using System;
using System.Collections.Generic;
using System.Globalization;
using SpanMarshal.Testing.Decoding;
using SpanMarshal.Testing.Http;

namespace SpanMarshal.Testing;

/// <summary>
/// The checks Datadog's APM test agent makes on a trace request. The header names are spelled
/// out here rather than shared with the runtime on purpose: the agent is an independent check.
/// </summary>
internal static class RequestValidator
{
    public const string MsgPack = "application/msgpack";

    /// <summary>Decodes and validates <paramref name="request"/> to a trace endpoint; returns the status an agent would answer.</summary>
    public static int Validate(HttpRequest request, out List<IReadOnlyList<ReceivedSpan>> traces, out List<string> errors)
    {
        traces = [];
        errors = [];
        if (request.Method != "POST")
        {
            errors.Add($"method {request.Method} is not POST");
            return 405;
        }

        if (!request.Headers.TryGetValue("Content-Type", out string? contentType) || contentType != MsgPack)
        {
            errors.Add($"Content-Type is '{contentType}', not '{MsgPack}'");
            return 415;
        }

        bool decoded = false;
        try
        {
            traces = request.Path == AgentInfo.V05TracesPath ? TraceDecoderV05.Decode(request.Body) : TraceDecoderV04.Decode(request.Body);
            decoded = true;
        }
        catch (Exception ex)
        {
            // The decoders turn what MessagePackReader throws into a PayloadException saying where; anything
            // else is a decoder defect, still a 400 with its type rather than a crash on hostile bytes.
            errors.Add("undecodable payload: " + (ex is PayloadException ? ex.Message : $"{ex.GetType().Name} from the decoder: {ex.Message}"));
        }

        if (!request.Headers.TryGetValue("X-Datadog-Trace-Count", out string? countText))
        {
            errors.Add("X-Datadog-Trace-Count is missing");
        }
        else if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || (decoded && count != traces.Count))
        {
            errors.Add($"X-Datadog-Trace-Count is '{countText}' but the body holds {traces.Count} trace(s)");
        }

        if (!request.Headers.TryGetValue("Datadog-Meta-Tracer-Version", out string? version) || version.Length == 0)
        {
            errors.Add("Datadog-Meta-Tracer-Version is missing");
        }

        return errors.Count == 0 ? 200 : 400;
    }
}
