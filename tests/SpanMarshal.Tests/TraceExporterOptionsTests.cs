using System;
using System.Collections.Generic;
using Xunit;

namespace SpanMarshal.Tests;

/// <summary>Agent URL resolution: explicit, then DD_TRACE_AGENT_URL, then DD_AGENT_HOST/DD_TRACE_AGENT_PORT, then localhost:8126.</summary>
public class TraceExporterOptionsTests
{
    private static Uri Resolve(Uri? explicitUrl, params (string Key, string Value)[] variables)
    {
        var environment = new Dictionary<string, string>();
        foreach (var (key, value) in variables)
        {
            environment[key] = value;
        }

        return TraceExporterOptions.ResolveAgentUrl(explicitUrl, k => environment.GetValueOrDefault(k));
    }

    [Fact]
    public void The_explicit_url_wins_over_every_variable()
        => Assert.Equal(new Uri("http://explicit:1"), Resolve(new Uri("http://explicit:1"), ("DD_TRACE_AGENT_URL", "http://env:2"), ("DD_AGENT_HOST", "h")));

    [Fact]
    public void DD_TRACE_AGENT_URL_wins_over_host_and_port()
        => Assert.Equal(new Uri("http://env:2"), Resolve(null, ("DD_TRACE_AGENT_URL", "http://env:2"), ("DD_AGENT_HOST", "h"), ("DD_TRACE_AGENT_PORT", "3")));

    [Theory]
    [InlineData("agent", "9000", "http://agent:9000/")]
    [InlineData("agent", "", "http://agent:8126/")]
    [InlineData("", "9000", "http://localhost:9000/")]
    [InlineData("", "", "http://localhost:8126/")]
    [InlineData("::1", "8126", "http://[::1]:8126/")]
    public void Host_and_port_default_to_localhost_and_8126(string host, string port, string expected)
        => Assert.Equal(expected, Resolve(null, ("DD_AGENT_HOST", host), ("DD_TRACE_AGENT_PORT", port)).AbsoluteUri);

    [Fact]
    public void Nothing_set_gives_localhost_8126()
        => Assert.Equal("http://localhost:8126", Resolve(null).OriginalString);

    [Fact]
    public void A_unix_socket_url_is_accepted()
        => Assert.Equal("unix", Resolve(null, ("DD_TRACE_AGENT_URL", "unix:///var/run/datadog/apm.socket")).Scheme);

    [Theory]
    [InlineData("DD_TRACE_AGENT_PORT", "http")]
    [InlineData("DD_TRACE_AGENT_PORT", "70000")]
    [InlineData("DD_TRACE_AGENT_URL", "ftp://agent:21")]
    public void An_invalid_port_or_scheme_is_an_argument_error(string key, string value)
        => Assert.Throws<ArgumentException>(() => Resolve(null, (key, value)));
}
