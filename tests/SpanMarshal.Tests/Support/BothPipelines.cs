using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using Xunit;

namespace SpanMarshal.Tests.Support;

/// <summary>For tests that hold both pipelines to one behaviour: libdatadog on the conformance library, managed on a test agent.</summary>
public static class BothPipelines
{
    public static TheoryData<TracePipelineKind> Kinds => [TracePipelineKind.LibDatadog, TracePipelineKind.Managed];

    /// <summary>Each pipeline, each sending synchronously and asynchronously.</summary>
    public static TheoryData<TracePipelineKind, bool> KindsSyncAndAsync => new()
    {
        { TracePipelineKind.LibDatadog, false },
        { TracePipelineKind.LibDatadog, true },
        { TracePipelineKind.Managed, false },
        { TracePipelineKind.Managed, true },
    };

    public static TraceExporterOptions Options(TracePipelineKind pipeline, TestAgent agent)
        => pipeline == TracePipelineKind.Managed ? ManagedHarness.Options(agent.Url) : Conformance.Options();

    /// <summary>Sends <paramref name="traces"/> of a registered span type through <paramref name="pipeline"/> and reads back what arrived.</summary>
    public static Task<(TraceExporterResponse Response, IReadOnlyList<IReadOnlyList<ReceivedSpan>> Received)> SendAsync<TSpan>(
        TracePipelineKind pipeline, IReadOnlyList<IReadOnlyList<TSpan>> traces, ListLogger? logger = null, Action<TraceExporterOptions>? configure = null)
        where TSpan : class
        => SendAsync(pipeline, exporter => exporter.Send(traces), logger, configure);

    /// <summary>Makes one send through <paramref name="pipeline"/> and reads back what the agent received (or libdatadog was given).</summary>
    public static async Task<(TraceExporterResponse Response, IReadOnlyList<IReadOnlyList<ReceivedSpan>> Received)> SendAsync(
        TracePipelineKind pipeline, Func<TraceExporter, TraceExporterResponse> send, ListLogger? logger = null, Action<TraceExporterOptions>? configure = null)
    {
        await using TestAgent agent = TestAgent.Start();
        TraceExporterOptions options = Options(pipeline, agent);
        configure?.Invoke(options);
        using var exporter = TraceExporter.Create(options, logger);
        TraceExporterResponse response = send(exporter);
        return (response, Received(pipeline, agent));
    }

    /// <summary>What arrived: at the agent for the managed pipeline, at the conformance library for libdatadog.</summary>
    public static IReadOnlyList<IReadOnlyList<ReceivedSpan>> Received(TracePipelineKind pipeline, TestAgent agent)
        => pipeline == TracePipelineKind.Managed ? agent.Traces : Conformance.Read().ReceivedTraces;

    /// <summary>Makes the next send through <paramref name="pipeline"/> hang until it is cancelled.</summary>
    public static void Stall(TracePipelineKind pipeline, TestAgent agent)
    {
        if (pipeline == TracePipelineKind.Managed)
        {
            agent.DefaultReply = AgentReply.Stall(TimeSpan.FromSeconds(60));
        }
        else
        {
            Conformance.SetSendDelay(60_000);
        }
    }

    /// <summary>Waits until a send through <paramref name="pipeline"/> is in flight (the agent has the request, or libdatadog is sending).</summary>
    public static async Task WaitForSendInFlightAsync(TracePipelineKind pipeline, TestAgent agent)
    {
        if (pipeline == TracePipelineKind.Managed)
        {
            await agent.WaitForRequestsAsync(1, TimeSpan.FromSeconds(30));
            return;
        }

        var clock = Stopwatch.StartNew();
        while (Conformance.SendsInProgress() == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the send never started");
            await Task.Delay(1);
        }
    }

    /// <summary>Starts <paramref name="send"/> synchronously on a thread of its own, or as the async call it is.</summary>
    public static Task<TraceExporterResponse> Start(bool async, Func<Task<TraceExporterResponse>> sendAsync, Func<TraceExporterResponse> send)
        => async ? sendAsync() : Task.Factory.StartNew(send, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
