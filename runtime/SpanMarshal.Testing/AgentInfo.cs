using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using SpanMarshal.Testing.Http;

namespace SpanMarshal.Testing;

/// <summary>
/// What the agent says about itself: the <c>/info</c> document, shaped as the Datadog agent's
/// (datadog-agent <c>pkg/trace/api/info.go</c>), and the state headers the agent puts on its
/// answers. It lists only what this agent serves and decodes, so a tracer that trusts it sends
/// only what a test can see.
/// </summary>
internal sealed class AgentInfo
{
    /// <summary>An agent version recent enough that tracers enable what they gate on the version.</summary>
    public const string Version = "7.70.0";

    public const string InfoPath = "/info";
    public const string V04TracesPath = "/v0.4/traces";
    public const string V05TracesPath = "/v0.5/traces";

    public AgentInfo(TestAgentOptions options, int port, string? socketPath)
    {
        Endpoints = options.ServeV05Traces ? [V04TracesPath, V05TracesPath] : [V04TracesPath];
        byte[] document = Document(options, port, socketPath, Endpoints);

        // libdatadog's /info fetcher requires this header and refetches when an answer carries another value.
        string state = Convert.ToHexString(SHA256.HashData(document)).ToLowerInvariant();
        Answer = HttpAnswer.Json(200, document);
        ResponseHeaders = $"Datadog-Agent-Version: {Version}\r\nDatadog-Agent-State: {state}\r\n";
    }

    /// <summary>The trace endpoints the agent serves, as <c>/info</c> lists them.</summary>
    public IReadOnlyList<string> Endpoints { get; }

    /// <summary>The answer to <c>GET /info</c>.</summary>
    public HttpAnswer Answer { get; }

    /// <summary>The header lines the agent adds to every answer, each ending with CRLF.</summary>
    public string ResponseHeaders { get; }

    private static byte[] Document(TestAgentOptions options, int port, string? socketPath, IReadOnlyList<string> endpoints)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", Version);
            json.WriteString("git_commit", "SpanMarshal.Testing");
            WriteStrings(json, "endpoints", endpoints);

            // The agent lets clients drop P0 traces only when it takes their stats (/v0.6/stats), which this one does not.
            json.WriteBoolean("client_drop_p0s", false);

            // The agent decodes meta and metrics only: tracers asked to send meta_struct, span events or
            // long-running span snapshots would send what no ReceivedSpan shows.
            json.WriteBoolean("span_meta_structs", false);
            json.WriteBoolean("long_running_spans", false);
            json.WriteBoolean("span_events", false);
            WriteStrings(json, "evp_proxy_allowed_headers", []);
            json.WriteStartObject("config");
            json.WriteString("default_env", "none");
            json.WriteNumber("target_tps", 10);
            json.WriteNumber("max_eps", 200);
            json.WriteNumber("receiver_port", port);
            json.WriteString("receiver_socket", socketPath ?? "");
            json.WriteNumber("connection_limit", options.MaxConnections);
            json.WriteNumber("receiver_timeout", options.RequestTimeout == Timeout.InfiniteTimeSpan ? 0 : (int)Math.Ceiling(options.RequestTimeout.TotalSeconds));
            json.WriteNumber("max_request_bytes", options.MaxRequestBytes);
            json.WriteNumber("statsd_port", 8125);
            json.WriteNumber("max_memory", 0);
            json.WriteNumber("max_cpu", 0);
            json.WriteStartObject("analyzed_spans_by_service");
            json.WriteEndObject();
            json.WriteEndObject();
            WriteStrings(json, "peer_tags", []);
            WriteStrings(json, "span_kinds_stats_computed", []);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
