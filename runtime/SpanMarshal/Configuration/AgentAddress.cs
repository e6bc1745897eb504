using System;
using System.Globalization;

namespace SpanMarshal.Configuration;

/// <summary>
/// Where the agent is: <c>TraceExporterOptions.AgentUrl</c>, else <c>DD_TRACE_AGENT_URL</c>, else
/// <c>DD_AGENT_HOST</c> and <c>DD_TRACE_AGENT_PORT</c>, else <c>http://localhost:8126</c>. A malformed
/// value is an <see cref="ArgumentException"/> whose message names where it came from and what it is.
/// </summary>
internal static class AgentAddress
{
    public const string OptionName = "TraceExporterOptions.AgentUrl";
    public const string UrlVariable = "DD_TRACE_AGENT_URL";
    public const string HostVariable = "DD_AGENT_HOST";
    public const string PortVariable = "DD_TRACE_AGENT_PORT";

    /// <exception cref="ArgumentException">The URL, host or port is malformed.</exception>
    public static Uri Resolve(Uri? option, Func<string, string?> environment)
    {
        if (option is not null)
        {
            return Check(option, OptionName);
        }

        string? url = ExporterSettings.NonBlank(environment(UrlVariable));
        if (url is not null)
        {
            return Uri.TryCreate(url.Trim(), UriKind.Absolute, out Uri? parsed)
                ? Check(parsed, UrlVariable)
                : throw NotAnAgentUrl(UrlVariable, url);
        }

        string host = ExporterSettings.NonBlank(environment(HostVariable))?.Trim() ?? "localhost";
        string port = ExporterSettings.NonBlank(environment(PortVariable))?.Trim() ?? "8126";
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new ArgumentException($"{HostVariable} is '{host}', which is not a host name or an IP address.");
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int portNumber) || portNumber is < 1 or > 65535)
        {
            throw new ArgumentException($"{PortVariable} is '{port}', which is not a TCP port (1 to 65535).");
        }

        // An IPv6 literal needs brackets in a URL.
        if (Uri.CheckHostName(host) == UriHostNameType.IPv6 && !host.StartsWith('['))
        {
            host = "[" + host + "]";
        }

        return new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{portNumber}"));
    }

    private static Uri Check(Uri url, string source)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != "http" && url.Scheme != "unix"))
        {
            throw NotAnAgentUrl(source, url.OriginalString);
        }

        if (url.Scheme == "unix")
        {
            // unix://var/run/x.sock parses as host "var" and path /run/x.sock: connecting there would be a quiet mistake.
            if (url.Host.Length != 0)
            {
                string rightSpelling = "unix:///" + url.OriginalString[(url.Scheme.Length + "://".Length)..];
                throw new ArgumentException($"{source} is '{url.OriginalString}', which names the host '{url.Host}' although a Unix socket URL has none: write it with three slashes, as in '{rightSpelling}'.");
            }

            if (url.AbsolutePath.Length <= 1)
            {
                throw new ArgumentException($"{source} is '{url.OriginalString}', which names no socket path.");
            }
        }

        return url;
    }

    private static ArgumentException NotAnAgentUrl(string source, string value)
        => new($"{source} is '{value}', which is not an absolute http:// or unix:// URL.");
}
