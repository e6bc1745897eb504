using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SpanMarshal.Testing;
using Xunit;

namespace SpanMarshal.Hosting.Tests;

/// <summary>
/// A host with <c>AddSpanMarshalTraceWriter</c>: options from configuration and the DD_* variables,
/// the writer created on start, flushed on stop, and what comes after sent on disposal. One class,
/// so the test that sets an environment variable runs alone.
/// </summary>
public sealed class AddSpanMarshalTraceWriterTests : IAsyncLifetime
{
    private readonly TestAgent _agent = TestAgent.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task Options_come_from_the_SpanMarshal_section_and_the_writer_is_flushed_when_the_host_stops()
    {
        using IHost host = Build(new()
        {
            ["SpanMarshal:AgentUrl"] = _agent.Url.ToString(),
            ["SpanMarshal:Pipeline"] = "Managed",
            ["SpanMarshal:Service"] = "hosted-store",
            ["SpanMarshal:Writer:FlushInterval"] = "01:00:00",
            ["SpanMarshal:Writer:MaxBufferedSpans"] = "500",
        });
        await host.StartAsync();
        TraceWriter<HostedSpan> writer = host.Services.GetRequiredService<TraceWriter<HostedSpan>>();

        Assert.Equal((TracePipelineKind.Managed, "hosted-store"), (writer.Pipeline, host.Services.GetRequiredService<IOptions<TraceExporterOptions>>().Value.Service));
        TraceWriterOptions writerOptions = host.Services.GetRequiredService<IOptions<TraceWriterOptions>>().Value;
        Assert.Equal((TimeSpan.FromHours(1), 500), (writerOptions.FlushInterval, writerOptions.MaxBufferedSpans));
        Assert.True(writer.Write(HostedSpan.Trace(1)) && writer.Write(HostedSpan.Trace(2)));
        Assert.Empty(_agent.Requests);
        await host.StopAsync();

        Assert.Equal([1UL, 2UL], _agent.Spans.Select(s => s.SpanId).Order());
        Assert.All(_agent.Spans, s => Assert.Equal(("worker.job", "hosted-store", "hosting-test"), (s.Name, s.Service, s.Meta["component"])));
    }

    [Fact]
    public async Task What_configuration_leaves_unset_comes_from_the_DD_variables()
    {
        Environment.SetEnvironmentVariable("DD_TRACE_AGENT_URL", _agent.Url.ToString());
        try
        {
            using IHost host = Build(new() { ["SpanMarshal:Pipeline"] = "Managed" });
            await host.StartAsync();
            host.Services.GetRequiredService<TraceWriter<HostedSpan>>().Write(HostedSpan.Trace(7));
            await host.StopAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("DD_TRACE_AGENT_URL", null);
        }

        Assert.Equal(7UL, Assert.Single(_agent.Spans).SpanId);
    }

    [Fact]
    public async Task Code_wins_over_configuration_and_registering_twice_makes_one_writer()
    {
        using IHost host = Build(
            new() { ["SpanMarshal:AgentUrl"] = "http://127.0.0.1:1", ["SpanMarshal:Pipeline"] = "Managed" },
            services => services.AddSpanMarshalTraceWriter<HostedSpan>(exporter => exporter.AgentUrl = _agent.Url));
        await host.StartAsync();

        TraceWriter<HostedSpan>[] writers = [.. host.Services.GetServices<TraceWriter<HostedSpan>>()];
        Assert.Single(writers);
        Assert.Single(host.Services.GetServices<IHostedService>(), s => s.GetType().Name.StartsWith("TraceWriterHostedService", StringComparison.Ordinal));
        writers[0].Write(HostedSpan.Trace(3));
        await host.StopAsync();

        Assert.Equal(3UL, Assert.Single(_agent.Spans).SpanId);
    }

    [Fact]
    public async Task Disposing_the_host_sends_what_was_written_after_it_stopped()
    {
        IHost host = Build(new() { ["SpanMarshal:AgentUrl"] = _agent.Url.ToString(), ["SpanMarshal:Pipeline"] = "Managed", ["SpanMarshal:Writer:FlushInterval"] = "01:00:00" });
        await host.StartAsync();
        TraceWriter<HostedSpan> writer = host.Services.GetRequiredService<TraceWriter<HostedSpan>>();
        await host.StopAsync();

        // Another service still finishing spans while the host shuts down.
        writer.Write(HostedSpan.Trace(4));
        Assert.Empty(_agent.Requests);
        await ((IAsyncDisposable)host).DisposeAsync();

        Assert.Equal(4UL, Assert.Single(_agent.Spans).SpanId);
        Assert.False(writer.Write(HostedSpan.Trace(5)));
    }

    [Fact]
    public async Task An_option_out_of_range_fails_the_host_start()
    {
        using IHost host = Build(new() { ["SpanMarshal:Pipeline"] = "Managed", ["SpanMarshal:Writer:FlushInterval"] = "00:00:00" });

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.StartAsync());

        Assert.Equal(nameof(TraceWriterOptions.FlushInterval), ex.ParamName);
    }

    private static IHost Build(Dictionary<string, string?> configuration, Action<IServiceCollection>? more = null)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSpanMarshalTraceWriter<HostedSpan>();
        more?.Invoke(builder.Services);
        return builder.Build();
    }
}
