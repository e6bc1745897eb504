using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Tests.Support;
using Xunit;
using static SpanMarshal.Tests.Support.Batch;

namespace SpanMarshal.Tests.LibDatadog;

/// <summary>
/// libdatadog has one timeout, per request attempt: each attempt gets SendTimeout, and the send's
/// cancel token ends the whole send at SendTimeout, as in the managed pipeline.
/// </summary>
public class LibDatadogTimeoutTests : NativeTest
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_send_still_running_at_SendTimeout_is_cancelled_and_answers_TimedOut(bool async)
    {
        Conformance.SetSendDelay(60_000);
        TraceExporterOptions options = Conformance.Options();
        options.SendTimeout = TimeSpan.FromMilliseconds(300);
        var logger = new ListLogger();
        using var exporter = TraceExporter.Create(options, logger);

        var clock = Stopwatch.StartNew();
        TraceExporterResponse response = async
            ? await exporter.SendAsync<TestSpan, TestSpanMarshaller>(Of([new TestSpan()]))
            : exporter.Send<TestSpan, TestSpanMarshaller>(Of([new TestSpan()]));
        clock.Stop();

        Assert.True(response.IsInternalError, response.ToString());
        Assert.Equal(TraceExporterErrorCode.TimedOut, response.ErrorCode);
        Assert.Equal("the send did not finish within SendTimeout (00:00:00.3000000) and was cancelled (IoError: the send was cancelled)", response.ErrorMessage);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(280), TimeSpan.FromMilliseconds(1200));
        Assert.True(Assert.Single(Conformance.Read().Sends).Cancelled);
        Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning && e.Id.Id == 103);
    }

    [Fact]
    public async Task SendTimeout_also_bounds_the_wait_for_a_worker_slot()
    {
        // Four sends hold every slot and unwind slowly once cancelled; the fifth never gets one in time.
        Conformance.SetSendDelay(60_000);
        Conformance.SetCancelLatency(1500);
        TraceExporterOptions options = Conformance.Options();
        options.SendTimeout = TimeSpan.FromMilliseconds(400);
        using var exporter = TraceExporter.Create(options);
        var sends = Enumerable.Range(1, 4).Select(i => exporter.SendAsync<TestSpan, TestSpanMarshaller>(Of([new TestSpan { TraceId = (ulong)i }]))).ToList();
        while (Conformance.SendsInProgress() != 4)
        {
            await Task.Delay(1);
        }

        var clock = Stopwatch.StartNew();
        TraceExporterResponse waiting = await exporter.SendAsync<TestSpan, TestSpanMarshaller>(Of([new TestSpan { TraceId = 5 }]));
        clock.Stop();

        Assert.Equal(TraceExporterErrorCode.TimedOut, waiting.ErrorCode);
        Assert.Equal("the send did not finish within SendTimeout (00:00:00.4000000) and was never started", waiting.ErrorMessage);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(380), TimeSpan.FromMilliseconds(1300));
        Assert.All(await Task.WhenAll(sends), r => Assert.Equal(TraceExporterErrorCode.TimedOut, r.ErrorCode));
        Assert.Equal(4, Conformance.Read().Sends.Count);
    }

    [Fact]
    public void Each_attempt_gets_the_whole_SendTimeout_never_zero()
    {
        TraceExporterOptions options = Conformance.Options();
        options.SendTimeout = TimeSpan.FromTicks(12_345); // 1.2345 ms: rounded up, not down towards 0 ("time out at once")

        TraceExporter.Create(options).Dispose();

        Assert.Equal(2, Conformance.Read().LastExporterSettings.GetProperty("connection_timeout_ms").GetInt64());
    }

    [Theory]
    [InlineData(nameof(TraceExporterOptions.ConnectTimeout))]
    [InlineData(nameof(TraceExporterOptions.ResponseTimeout))]
    public void Setting_a_timeout_libdatadog_cannot_apply_is_a_warning_at_creation(string option)
    {
        TraceExporterOptions options = Conformance.Options();
        typeof(TraceExporterOptions).GetProperty(option)!.SetValue(options, TimeSpan.FromSeconds(1));
        var logger = new ListLogger();

        TraceExporter.Create(options, logger).Dispose();

        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(
            "SpanMarshal: libdatadog has a single timeout per request attempt, so ConnectTimeout and ResponseTimeout are not applied and SendTimeout (00:00:20) bounds each attempt and the whole send.",
            warning.Message);
    }

    [Fact]
    public void The_default_timeouts_warn_about_nothing()
    {
        var logger = new ListLogger();

        TraceExporter.Create(Conformance.Options(), logger).Dispose();

        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
    }
}
