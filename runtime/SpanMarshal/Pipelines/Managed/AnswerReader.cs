using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SpanMarshal.Configuration;
using SpanMarshal.Diagnostics;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// Reads the body of an answer whose status has arrived, keeping at most
/// <see cref="AnswerBody.MaxBytes"/> of it: a larger body is left unread and its connection closed
/// (the handler never drains an abandoned answer), so memory stays bounded whatever the agent sends.
/// </summary>
/// <remarks>
/// Once the status has arrived it is the request's outcome: a body that then breaks off (a reset, a
/// stall past the inactivity timeout, the send's deadline) is kept as far as it came and the status
/// stands. A 2xx means the agent took the traces, so reporting a failure (which a caller would retry)
/// would send them twice. Only the caller's cancellation escapes.
/// </remarks>
internal static class AnswerReader
{
    private const string LeftUnread = AnswerBody.TooLarge + ", so the rest was left unread and the connection closed";

    public static async ValueTask<AnswerBody> ReadAsync(HttpContent content, ProgressWatchdog watchdog, ExporterSettings settings, bool sync, CancellationToken callerToken)
    {
        long? declared = content.Headers.ContentLength;
        if (declared == 0)
        {
            return AnswerBody.Empty;
        }

        // A declared length that fits is read straight into the array the response keeps; otherwise a pooled
        // buffer one byte larger than the limit tells a body over it from one exactly at it.
        bool exact = declared <= AnswerBody.MaxBytes;
        int limit = exact ? (int)declared!.Value : AnswerBody.MaxBytes + 1;
        byte[] buffer = exact ? new byte[limit] : ArrayPool<byte>.Shared.Rent(limit);
        try
        {
            int filled = 0;
            string? cut = null;
            try
            {
                CancellationToken token = watchdog.Token;
                using Stream stream = sync ? content.ReadAsStream(token) : await content.ReadAsStreamAsync(token).ConfigureAwait(false);
                int read;
                while (filled < limit && (read = sync ? stream.Read(buffer, filled, limit - filled) : await stream.ReadAsync(buffer.AsMemory(filled, limit - filled), token).ConfigureAwait(false)) > 0)
                {
                    filled += read;
                    watchdog.Progress();
                }

                if (filled > AnswerBody.MaxBytes || declared > AnswerBody.MaxBytes)
                {
                    filled = Math.Min(filled, AnswerBody.MaxBytes);
                    cut = LeftUnread;
                }
            }
            catch (Exception ex) when (!callerToken.IsCancellationRequested && (watchdog.Token.IsCancellationRequested || TransportErrors.IsTransportFailure(ex)))
            {
                cut = !watchdog.Token.IsCancellationRequested ? $"the connection failed while it arrived ({Log.AsClause(ex.Message)})"
                    : watchdog.PastDeadline ? "the send's deadline (SendTimeout) passed while it arrived"
                    : $"the agent made no progress for {ExporterSettings.Describe(settings.ResponseTimeout)} (ResponseTimeout) while it arrived";
            }

            return new AnswerBody(exact && filled == buffer.Length ? buffer : buffer.AsSpan(0, filled).ToArray(), cut);
        }
        finally
        {
            if (!exact)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
