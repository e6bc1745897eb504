using System;
using System.Globalization;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>What a <see cref="RawAgent"/> does with one request.</summary>
public enum RawFault
{
    /// <summary>Reads the body (at <see cref="RawReply.BytesPerSecond"/>), then answers <see cref="RawReply.Status"/> with <see cref="RawReply.Body"/>.</summary>
    Answer,

    /// <summary>Reads the body, sends the status line and headers (Content-Length: 100), then never sends the body.</summary>
    StallAfterHeaders,

    /// <summary>Reads the body, then never answers.</summary>
    StallBeforeAnswer,

    /// <summary>Reads half the body, then resets the connection (TCP RST).</summary>
    ResetDuringRequest,

    /// <summary>Reads the body, sends the status line, headers (Content-Length: 100) and 10 bytes of body, then resets the connection.</summary>
    ResetDuringResponse,

    /// <summary>Reads the body, then closes the connection without a word.</summary>
    CloseWithoutAnswer,

    /// <summary>Reads the body, then answers bytes that are not HTTP.</summary>
    NotHttp,

    /// <summary>Reads the body, then answers <see cref="RawReply.Status"/> with a body of <see cref="RawReply.HugeBodyBytes"/> bytes, streamed for as long as the client reads.</summary>
    HugeBody,

    /// <summary>Like <see cref="HugeBody"/>, chunked: no Content-Length tells the client how large it is.</summary>
    HugeChunkedBody,
}

/// <summary>One scripted answer of a <see cref="RawAgent"/>.</summary>
public sealed record RawReply(RawFault Fault, int Status = 200, string Body = "{}", long HugeBodyBytes = 0, int BytesPerSecond = int.MaxValue)
{
    public static RawReply Ok { get; } = new(RawFault.Answer);

    public static RawReply StatusOnly(int status, string body = "") => new(RawFault.Answer, status, body);

    public static RawReply Throttled(int bytesPerSecond) => new(RawFault.Answer, BytesPerSecond: bytesPerSecond);

    public static RawReply Huge(long bytes, int status = 200, bool chunked = false) => new(chunked ? RawFault.HugeChunkedBody : RawFault.HugeBody, status, HugeBodyBytes: bytes);

    public static RawReply Of(RawFault fault) => new(fault);

    /// <inheritdoc/>
    public override string ToString() => Fault switch
    {
        RawFault.Answer => Status.ToString(CultureInfo.InvariantCulture) + (Body.Length == 0 ? " (no body)" : " " + Body),
        RawFault.HugeBody or RawFault.HugeChunkedBody => $"{Fault} {Status} {HugeBodyBytes}",
        _ => Fault.ToString(),
    };
}
