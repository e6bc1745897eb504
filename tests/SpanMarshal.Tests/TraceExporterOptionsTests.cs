using System;
using System.Collections.Generic;
using Xunit;

namespace SpanMarshal.Tests;

/// <summary>
/// Agent URL resolution: explicit, then DD_TRACE_AGENT_URL, then DD_AGENT_HOST/DD_TRACE_AGENT_PORT,
/// then localhost:8126; service, env and version: explicit, then DD_SERVICE, DD_ENV, DD_VERSION.
/// </summary>
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

    [Fact]
    public void Service_env_and_version_come_from_DD_variables_when_not_set()
    {
        var environment = new Dictionary<string, string> { ["DD_SERVICE"] = "checkout", ["DD_ENV"] = "prod", ["DD_VERSION"] = "2.1.0" };
        var options = new TraceExporterOptions();

        Assert.Equal("checkout", options.ResolveService(environment.GetValueOrDefault));
        Assert.Equal("prod", options.ResolveEnv(environment.GetValueOrDefault));
        Assert.Equal("2.1.0", options.ResolveVersion(environment.GetValueOrDefault));
    }

    [Fact]
    public void Explicit_service_env_and_version_win_over_the_variables()
    {
        var environment = new Dictionary<string, string> { ["DD_SERVICE"] = "checkout", ["DD_ENV"] = "prod", ["DD_VERSION"] = "2.1.0" };
        var options = new TraceExporterOptions { Service = "web", Env = "staging", Version = "1.0.0" };

        Assert.Equal("web", options.ResolveService(environment.GetValueOrDefault));
        Assert.Equal("staging", options.ResolveEnv(environment.GetValueOrDefault));
        Assert.Equal("1.0.0", options.ResolveVersion(environment.GetValueOrDefault));
    }

    [Fact]
    public void Empty_variables_leave_service_env_and_version_unset()
    {
        var environment = new Dictionary<string, string> { ["DD_SERVICE"] = "", ["DD_ENV"] = "", ["DD_VERSION"] = "" };
        var options = new TraceExporterOptions();

        Assert.Null(options.ResolveService(environment.GetValueOrDefault));
        Assert.Null(options.ResolveEnv(environment.GetValueOrDefault));
        Assert.Null(options.ResolveVersion(environment.GetValueOrDefault));
    }
}
