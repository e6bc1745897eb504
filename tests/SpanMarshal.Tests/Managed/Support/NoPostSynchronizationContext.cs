using System;
using System.Threading;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>
/// A UI-like context whose thread is blocked by the caller: anything posted to it would never
/// run (a deadlock in a real app), so here a post is recorded as a failure instead.
/// </summary>
public sealed class NoPostSynchronizationContext : SynchronizationContext
{
    public int Posts { get; private set; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        Posts++;
        ThreadPool.QueueUserWorkItem(_ => d(state));
    }

    public override void Send(SendOrPostCallback d, object? state) => throw new InvalidOperationException("Send on a blocked context");

    public static T Run<T>(Func<T> action, out int posts)
    {
        SynchronizationContext? previous = Current;
        var context = new NoPostSynchronizationContext();
        SetSynchronizationContext(context);
        try
        {
            return action();
        }
        finally
        {
            SetSynchronizationContext(previous);
            posts = context.Posts;
        }
    }
}
