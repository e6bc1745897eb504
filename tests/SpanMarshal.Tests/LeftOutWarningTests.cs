using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Tests.Support;
using Xunit;
using static SpanMarshal.Tests.Support.Batch;

namespace SpanMarshal.Tests;

/// <summary>What a send leaves out is warned about in the same words by both pipelines, whatever happens to the send.</summary>
public sealed class LeftOutWarningTests : NativeTest
{
    [Fact]
    public void Both_pipelines_warn_the_same_way_about_skipped_tags_and_dropped_spans()
    {
        var native = new ListLogger();
        var managed = new ListLogger();
        using TestAgent agent = TestAgent.Start();
        using (var exporter = TraceExporter.Create(Conformance.Options(native)))
        {
            Assert.True(exporter.Send<TestSpan, TestSpanMarshaller>(Batch()).IsOk);
        }

        using (var exporter = TraceExporter.Create(ManagedOptions(agent, managed)))
        {
            Assert.True(exporter.Send<TestSpan, TestSpanMarshaller>(Batch()).IsOk);
        }

        Assert.Equal(
            [(3, "SpanMarshal: 2 tag(s) in this send had values that are neither strings nor numbers and were left out."),
             (4, "SpanMarshal: 0 whole trace(s) and 1 span(s) in all were left out of this send; the first because a span in the trace is null.")],
            Warnings(native));
        Assert.Equal(Warnings(native), Warnings(managed));
    }

    [Fact]
    public async Task A_cancelled_managed_send_still_warns_about_what_it_left_out()
    {
        var logger = new ListLogger();
        using TestAgent agent = TestAgent.Start();
        using var exporter = TraceExporter.Create(ManagedOptions(agent, logger));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => exporter.SendAsync<TestSpan, TestSpanMarshaller>(Batch(), new CancellationToken(canceled: true)));

        Assert.Equal([3, 4], Warnings(logger).Select(w => w.Id));
    }

    private static TraceExporterOptions ManagedOptions(TestAgent agent, ListLogger logger)
    {
        TraceExporterOptions options = ManagedHarness.Options(agent.Url);
        options.Logger = logger;
        return options;
    }

    private static System.Collections.Generic.IReadOnlyList<System.Collections.Generic.IReadOnlyList<TestSpan>> Batch()
    {
        var span = new TestSpan();
        span.Tags["flag"] = true;
        span.Tags["id"] = Guid.Empty;
        return Of([span, null!]);
    }

    private static (int Id, string Message)[] Warnings(ListLogger logger)
        => [.. logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => (e.Id.Id, e.Message))];
}
