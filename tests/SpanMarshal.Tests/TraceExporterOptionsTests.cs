using System;
using System.Collections.Generic;
using SpanMarshal.Configuration;
using Xunit;

namespace SpanMarshal.Tests;

/// <summary>
/// How options and the environment resolve into an exporter's settings: agent URL (explicit, then
/// DD_TRACE_AGENT_URL, then DD_AGENT_HOST/DD_TRACE_AGENT_PORT, then localhost:8126); service,
/// environment and version (explicit, then DD_SERVICE, DD_ENV, DD_VERSION); and the errors that
/// name where a bad value came from.
/// </summary>
public class TraceExporterOptionsTests
{
    private static Func<string, string?> Environment(params (string Key, string Value)[] variables)
    {
        var environment = new Dictionary<string, string>();
        foreach (var (key, value) in variables)
        {
            environment[key] = value;
        }

        return k => environment.GetValueOrDefault(k);
    }

    private static Uri Resolve(Uri? explicitUrl, params (string Key, string Value)[] variables)
        => AgentAddress.Resolve(explicitUrl, Environment(variables));

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
    [InlineData("[::1]", "8126", "http://[::1]:8126/")]
    [InlineData("10.0.0.7", "8126", "http://10.0.0.7:8126/")]
    public void Host_and_port_default_to_localhost_and_8126(string host, string port, string expected)
        => Assert.Equal(expected, Resolve(null, ("DD_AGENT_HOST", host), ("DD_TRACE_AGENT_PORT", port)).AbsoluteUri);

    [Fact]
    public void Nothing_set_gives_localhost_8126()
        => Assert.Equal("http://localhost:8126", Resolve(null).OriginalString);

    [Fact]
    public void A_unix_socket_url_is_accepted()
        => Assert.Equal("/var/run/datadog/apm.socket", Resolve(null, ("DD_TRACE_AGENT_URL", "unix:///var/run/datadog/apm.socket")).AbsolutePath);

    [Theory]
    [InlineData("DD_TRACE_AGENT_URL", "http//agent:8126", "DD_TRACE_AGENT_URL is 'http//agent:8126', which is not an absolute http:// or unix:// URL.")]
    [InlineData("DD_TRACE_AGENT_URL", "ftp://agent:21", "DD_TRACE_AGENT_URL is 'ftp://agent:21', which is not an absolute http:// or unix:// URL.")]
    [InlineData("DD_TRACE_AGENT_URL", "unix:///", "DD_TRACE_AGENT_URL is 'unix:///', which names no socket path.")]
    [InlineData("DD_AGENT_HOST", "http://agent", "DD_AGENT_HOST is 'http://agent', which is not a host name or an IP address.")]
    [InlineData("DD_AGENT_HOST", "my agent", "DD_AGENT_HOST is 'my agent', which is not a host name or an IP address.")]
    [InlineData("DD_TRACE_AGENT_PORT", "http", "DD_TRACE_AGENT_PORT is 'http', which is not a TCP port (1 to 65535).")]
    [InlineData("DD_TRACE_AGENT_PORT", "70000", "DD_TRACE_AGENT_PORT is '70000', which is not a TCP port (1 to 65535).")]
    [InlineData("DD_TRACE_AGENT_PORT", "0", "DD_TRACE_AGENT_PORT is '0', which is not a TCP port (1 to 65535).")]
    public void A_malformed_variable_is_an_argument_error_naming_the_variable_and_its_value(string key, string value, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => Resolve(null, (key, value)));

        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void A_unix_url_with_a_host_is_refused_with_the_right_spelling()
    {
        var ex = Assert.Throws<ArgumentException>(() => Resolve(null, ("DD_TRACE_AGENT_URL", "unix://var/run/x.sock")));

        Assert.Equal("DD_TRACE_AGENT_URL is 'unix://var/run/x.sock', which names the host 'var' although a Unix socket URL has none: write it with three slashes, as in 'unix:///var/run/x.sock'.", ex.Message);
    }

    [Theory]
    [InlineData("unix://var/run/x.sock", "unix:///var/run/x.sock")]
    [InlineData("ftp://agent:21/", null)]
    [InlineData("/relative/socket", null)]
    public void A_bad_AgentUrl_option_is_refused_naming_the_option(string url, string? rightSpelling)
    {
        var ex = Assert.Throws<ArgumentException>(() => TraceExporter.Create(new TraceExporterOptions { AgentUrl = new Uri(url, UriKind.RelativeOrAbsolute) }));

        Assert.StartsWith($"TraceExporterOptions.AgentUrl is '{url}', which ", ex.Message, StringComparison.Ordinal);
        if (rightSpelling is not null)
        {
            Assert.Contains(rightSpelling, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Service_environment_and_version_come_from_DD_variables_when_not_set()
    {
        var settings = ExporterSettings.Resolve(new TraceExporterOptions(), Environment(("DD_SERVICE", "checkout"), ("DD_ENV", "prod"), ("DD_VERSION", "2.1.0")));

        Assert.Equal(("checkout", "prod", "2.1.0"), (settings.Service, settings.Environment, settings.Version));
    }

    [Fact]
    public void Explicit_service_environment_and_version_win_over_the_variables()
    {
        var options = new TraceExporterOptions { Service = "web", Environment = "staging", Version = "1.0.0" };

        var settings = ExporterSettings.Resolve(options, Environment(("DD_SERVICE", "checkout"), ("DD_ENV", "prod"), ("DD_VERSION", "2.1.0")));

        Assert.Equal(("web", "staging", "1.0.0"), (settings.Service, settings.Environment, settings.Version));
    }

    [Fact]
    public void Empty_variables_and_blank_options_leave_service_environment_and_version_unset()
    {
        var options = new TraceExporterOptions { Service = " ", Environment = "", HostName = " " };

        var settings = ExporterSettings.Resolve(options, Environment(("DD_SERVICE", ""), ("DD_ENV", ""), ("DD_VERSION", "")));

        Assert.Equal((null, null, null, null), (settings.Service, settings.Environment, settings.Version, settings.HostName));
        Assert.True(settings.SpanDefaults.IsEmpty);
    }

    [Fact]
    public void The_settings_are_a_copy_that_later_changes_to_the_options_do_not_reach()
    {
        var options = new TraceExporterOptions { Service = "web", AgentUrl = new Uri("http://agent:1"), SendTimeout = TimeSpan.FromSeconds(5) };
        var settings = ExporterSettings.Resolve(options, _ => null);

        options.Service = "other";
        options.AgentUrl = new Uri("http://elsewhere:2");
        options.SendTimeout = TimeSpan.FromSeconds(9);

        Assert.Equal(("web", "http://agent:1/", TimeSpan.FromSeconds(5)), (settings.Service, settings.AgentUrl.AbsoluteUri, settings.SendTimeout));
    }

    public static TheoryData<string, TimeSpan> InvalidTimeouts => new()
    {
        { nameof(TraceExporterOptions.ConnectTimeout), TimeSpan.Zero },
        { nameof(TraceExporterOptions.ResponseTimeout), TimeSpan.FromSeconds(-1) },
        { nameof(TraceExporterOptions.SendTimeout), System.Threading.Timeout.InfiniteTimeSpan },
        { nameof(TraceExporterOptions.SendTimeout), TimeSpan.FromTicks(5_000) },
        { nameof(TraceExporterOptions.ConnectTimeout), TimeSpan.MaxValue },
        { nameof(TraceExporterOptions.ResponseTimeout), TimeSpan.FromHours(1) + TimeSpan.FromTicks(1) },
    };

    [Theory]
    [MemberData(nameof(InvalidTimeouts))]
    public void A_zero_negative_infinite_or_absurd_timeout_is_refused_at_creation_naming_the_option(string option, TimeSpan value)
    {
        var options = new TraceExporterOptions { Pipeline = TracePipelineKind.Managed };
        typeof(TraceExporterOptions).GetProperty(option)!.SetValue(options, value);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => TraceExporter.Create(options));

        Assert.Equal("options", ex.ParamName);
        Assert.StartsWith($"TraceExporterOptions.{option} is ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(", but it must be between 1 ms and 1 hour.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_infinite_timeout_is_named_as_such()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => TraceExporter.Create(new TraceExporterOptions { SendTimeout = System.Threading.Timeout.InfiniteTimeSpan }));

        Assert.Equal("TraceExporterOptions.SendTimeout is infinite (Timeout.InfiniteTimeSpan), but it must be between 1 ms and 1 hour. (Parameter 'options')", ex.Message);
    }

    [Fact]
    public void The_default_timeouts_are_3_s_to_connect_10_s_without_progress_and_20_s_per_send()
    {
        var options = new TraceExporterOptions();

        Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)), (options.ConnectTimeout, options.ResponseTimeout, options.SendTimeout));
    }
}
