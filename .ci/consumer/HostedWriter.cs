using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SpanMarshal;
using SpanMarshal.Hosting;
using SpanMarshal.Testing;

namespace Consumer;

/// <summary>SpanMarshal.Hosting as a host uses it: the writer's options from configuration, a trace written, flushed when the host stops.</summary>
internal static class HostedWriter
{
    /// <summary>Writes <paramref name="span"/> through a hosted writer pointed at <paramref name="agent"/> and stops the host.</summary>
    public static bool Write(TestAgent agent, CheckoutSpan span)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SpanMarshal:AgentUrl"] = agent.Url.ToString(),
            ["SpanMarshal:Pipeline"] = "Managed",
            ["SpanMarshal:Writer:FlushInterval"] = "01:00:00",
        });
        builder.Services.AddSpanMarshalTraceWriter<CheckoutSpan>();
        using IHost host = builder.Build();
        host.Start();
        bool buffered = host.Services.GetRequiredService<TraceWriter<CheckoutSpan>>().Write([span]);
        host.StopAsync().GetAwaiter().GetResult();
        return buffered;
    }
}
