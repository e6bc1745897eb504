using System;

namespace SpanMarshal.Testing;

/// <summary>How the <see cref="TestAgent"/> answers a request: normally, with a given status, after a stall, or not at all.</summary>
public sealed class AgentReply
{
    private AgentReply(int? statusCode, string? body, TimeSpan stall)
    {
        StatusCode = statusCode;
        Body = body;
        StallFor = stall;
    }

    /// <summary>Validates the request and answers 200 with <c>rate_by_service</c> (400 when the request is invalid).</summary>
    public static AgentReply Accept { get; } = new(200, null, TimeSpan.Zero);

    /// <summary>Reads the request, then closes the connection without answering.</summary>
    public static AgentReply DropConnection { get; } = new(null, null, TimeSpan.Zero);

    /// <summary>The status to answer; null drops the connection.</summary>
    public int? StatusCode { get; }

    /// <summary>The body to answer with; null means the agent's usual body for the status.</summary>
    public string? Body { get; }

    /// <summary>How long the agent waits before it answers.</summary>
    public TimeSpan StallFor { get; }

    /// <summary>Answers <paramref name="statusCode"/> (with <paramref name="body"/>, default empty for errors) whatever the request.</summary>
    public static AgentReply Status(int statusCode, string? body = null) => new(statusCode, body, TimeSpan.Zero);

    /// <summary>Waits <paramref name="duration"/> (or until the agent stops), then answers like <see cref="Accept"/>.</summary>
    public static AgentReply Stall(TimeSpan duration) => new(200, null, duration);
}
