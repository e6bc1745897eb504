using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using SpanMarshal.Diagnostics;

namespace SpanMarshal.Pipelines;

/// <summary>
/// What a response keeps of an agent's answer body: all of it up to <see cref="MaxBytes"/>, else
/// its first <see cref="MaxBytes"/> and why the rest is missing. Agent answers are a few KiB (a
/// <c>rate_by_service</c> map), so a larger one is never held whole: nothing a peer sends can make
/// a send buffer gigabytes.
/// </summary>
/// <param name="Bytes">The bytes kept, copied out of any native or pooled memory.</param>
/// <param name="CutReason">Why <paramref name="Bytes"/> is not the whole body, as a clause; null when it is.</param>
internal readonly record struct AnswerBody(byte[] Bytes, string? CutReason)
{
    /// <summary>The most of an answer a response keeps: 64 KiB.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The cut reason of a body over <see cref="MaxBytes"/>.</summary>
    public const string TooLarge = "it is larger than 64 KiB";

    public static AnswerBody Empty { get; } = new([], null);

    /// <summary>Copies at most <see cref="MaxBytes"/> of <paramref name="body"/> (the only copy made); a longer <paramref name="body"/> is cut, so <see cref="MaxBytes"/> + 1 bytes of it tell.</summary>
    public static AnswerBody Copy(ReadOnlySpan<byte> body) => body.Length <= MaxBytes
        ? new AnswerBody(body.ToArray(), null)
        : new AnswerBody(body[..MaxBytes].ToArray(), TooLarge);

    /// <summary>
    /// The service rates of a body the agent answered with when it accepted the traces: none from a
    /// body that was cut (it cannot be read as what the agent meant). Logs a cut body.
    /// </summary>
    public IReadOnlyDictionary<string, double> ServiceRates(ILogger logger)
    {
        LogIfCut(logger);
        return CutReason is null ? SpanMarshal.ServiceRates.Parse(Bytes, logger) : SpanMarshal.ServiceRates.None;
    }

    /// <summary>Warns that the body was cut, when it was.</summary>
    public void LogIfCut(ILogger logger)
    {
        if (CutReason is not null)
        {
            Log.AnswerCut(logger, CutReason, Bytes.Length);
        }
    }
}
