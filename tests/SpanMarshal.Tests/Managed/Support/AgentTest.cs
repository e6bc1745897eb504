using System;
using System.Threading.Tasks;
using SpanMarshal.Testing;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>A test class with an agent of its own and a client that posts to it, both disposed after each test.</summary>
public abstract class AgentTest : IAsyncDisposable
{
    protected AgentTest()
    {
        Agent = TestAgent.Start();
        Client = new AgentClient(Agent);
    }

    protected TestAgent Agent { get; }

    protected AgentClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Agent.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
