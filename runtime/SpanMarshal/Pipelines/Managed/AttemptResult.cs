using System.Globalization;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>How one HTTP attempt ended: an agent status with its body, or a transport error.</summary>
internal readonly record struct AttemptResult(int? HttpStatus, AnswerBody Body, TraceExporterErrorCode? Error, string? Message, bool IsPastDeadline = false)
{
    /// <summary>The send's overall deadline ran out (before or during an attempt).</summary>
    public static AttemptResult PastDeadline { get; } = new(null, AnswerBody.Empty, TraceExporterErrorCode.TimedOut, "the send's deadline passed", IsPastDeadline: true);

    public static AttemptResult Failed(TraceExporterErrorCode error, string message) => new(null, AnswerBody.Empty, error, message);

    public bool IsSuccess => HttpStatus is >= 200 and < 300;

    /// <summary>
    /// Network errors, timeouts, 408, 429 and 5xx may pass on a later attempt; any other
    /// status (400, 404, 413, 415, ...) will not, and the deadline is final.
    /// </summary>
    public bool IsRetryable => HttpStatus switch
    {
        null => !IsPastDeadline,
        408 or 429 => true,
        int status => status >= 500,
    };

    /// <summary>The <c>outcome</c> tag of the request in the health metrics.</summary>
    public string Outcome => HttpStatus switch
    {
        >= 200 and < 300 => "ok",
        >= 400 and < 500 => "client_error",
        >= 500 => "server_error",
        int => "unexpected_status",
        null => Error == TraceExporterErrorCode.TimedOut ? "timeout" : "network_error",
    };

    public string Describe() => HttpStatus is int status
        ? "HTTP " + status.ToString(CultureInfo.InvariantCulture)
        : Error + ": " + Message;
}
