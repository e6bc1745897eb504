using System;
using System.Diagnostics;
using System.Threading;
using SpanMarshal.Pipelines.Managed;
using Xunit;

namespace SpanMarshal.Tests.Managed;

public class ProgressWatchdogTests
{
    [Fact]
    public void A_timer_run_to_the_sends_deadline_reports_the_deadline_when_it_fires()
    {
        // The timer counts whole milliseconds, so a deadline 20.9 ms away may fire at 20 ms, before the Stopwatch
        // deadline: the send must still see its deadline (SendTimeout), not 10 s of inactivity (ResponseTimeout).
        for (int i = 0; i < 20; i++)
        {
            long deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * 0.0209);
            using var watchdog = new ProgressWatchdog(deadline, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), CancellationToken.None);
            bool? pastDeadline = null;
            using var fired = new ManualResetEventSlim();
            using CancellationTokenRegistration registration = watchdog.Token.Register(() =>
            {
                pastDeadline = watchdog.PastDeadline;
                fired.Set();
            });

            Assert.True(fired.Wait(TimeSpan.FromSeconds(5)), "the watchdog never fired");
            Assert.True(pastDeadline, $"round {i}: a timer run to the deadline was taken for inactivity");
        }
    }

    [Fact]
    public void An_inactivity_window_shorter_than_the_deadline_is_not_the_deadline()
    {
        long deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 10);
        using var watchdog = new ProgressWatchdog(deadline, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), CancellationToken.None);

        Assert.True(watchdog.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(5)), "the watchdog never fired");
        Assert.False(watchdog.PastDeadline);
    }
}
