using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using Xunit;

namespace SpanMarshal.Tests.Managed;

/// <summary>Heap measurements see the whole process, so these run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurements
{
    public const string Name = "heap measurements";
}

[Collection(HeapMeasurements.Name)]
public sealed class TestAgentMemoryTests
{
    [Fact]
    public async Task Declared_bodies_that_do_not_arrive_cost_only_what_arrived()
    {
        const int Connections = 8;
        const int Declared = 24 * 1024 * 1024;
        await using TestAgent agent = TestAgent.Start();
        var connections = new List<RawConnection>();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        try
        {
            for (int i = 0; i < Connections; i++)
            {
                RawConnection connection = await RawConnection.OpenAsync(agent.Url);
                connections.Add(connection);
                await connection.SendAsync($"POST /v0.4/traces HTTP/1.1\r\nHost: agent\r\nContent-Length: {Declared}\r\n\r\n{new string('x', 1024)}");
            }

            // Give the agent time to take every head and the first bytes of every body.
            await Task.Delay(TimeSpan.FromSeconds(1));
            long held = GC.GetTotalMemory(forceFullCollection: true) - before;

            // 8 connections that declared 24 MiB each and sent 1 KiB: a few KiB of buffers each, not 192 MiB.
            Assert.True(held < 16 * 1024 * 1024, $"the agent holds {held / 1024} KiB for {Connections} x 1 KiB of bodies");
        }
        finally
        {
            connections.ForEach(c => c.Dispose());
        }
    }
}
