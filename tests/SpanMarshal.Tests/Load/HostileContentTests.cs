using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using SpanMarshal.Testing;
using SpanMarshal.Tests.Managed.Support;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.Load;

/// <summary>
/// Span content a tracer should never produce but one day will, between two ordinary traces, through
/// both pipelines: never a crash or a leak, the behaviour docs/reliability.md states, the same in both
/// pipelines, and the neighbouring traces intact (each pipeline's output decoded on its own).
/// </summary>
public sealed class HostileContentTests : NativeTest
{
    public static TheoryData<string> Cases => [.. HostileCase.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Both_pipelines_handle_it_alike_as_documented_and_spare_the_neighbours(string name)
    {
        HostileCase hostile = HostileCase.All.Single(c => c.Name == name);
        var delivered = new List<(TraceExporterResponse Response, IReadOnlyList<IReadOnlyList<ReceivedSpan>> Received)>();
        foreach (TracePipelineKind pipeline in (TracePipelineKind[])[TracePipelineKind.LibDatadog, TracePipelineKind.Managed])
        {
            List<IReadOnlyList<TestSpan>> before = Spans.Batch(traces: 2, spansPerTrace: 3), after = Spans.Batch(traces: 2, spansPerTrace: 2);
            IReadOnlyList<TestSpan> trace = hostile.Trace();
            (TraceExporterResponse response, IReadOnlyList<IReadOnlyList<ReceivedSpan>> received) =
                await BothPipelines.SendAsync(pipeline, e => e.Send<TestSpan, TestSpanMarshaller>([.. before, trace, .. after]));

            Assert.True(response.IsOk, $"{pipeline}: {response}");
            Accounting.AssertAccounted(response, 5);
            Assert.Equal((hostile.DroppedSpans, hostile.SkippedTags), (response.DroppedSpanCount, response.SkippedTagCount));
            IReadOnlyList<TestSpan> kept = [.. trace.Where(HostileCase.Kept)];
            ExpectedSpan.AssertTraces([.. before, kept, .. after], received);
            delivered.Add((response, received));
            Conformance.Reset();   // the 10 MB value must not be held twice
        }

        // The product rule: the same input, the same outcome in both pipelines.
        (TraceExporterResponse native, TraceExporterResponse managed) = (delivered[0].Response, delivered[1].Response);
        Assert.Equal(
            (native.AcceptedTraceCount, native.DroppedTraceCount, native.DroppedSpanCount, native.SkippedTagCount),
            (managed.AcceptedTraceCount, managed.DroppedTraceCount, managed.DroppedSpanCount, managed.SkippedTagCount));
        Assert.Equal(delivered[0].Received.SelectMany(t => t), delivered[1].Received.SelectMany(t => t));
    }

    /// <summary>One kind of hostile content: the trace that carries it, and which of its spans the pipelines keep.</summary>
    public sealed record HostileCase(string Name, Func<IReadOnlyList<TestSpan>> Trace, int DroppedSpans = 0, int SkippedTags = 0)
    {
        private const ulong Id = 0xABCD_0000;

        public static IReadOnlyList<HostileCase> All { get; } =
        [
            new("a 10 MB tag value", () => [Span(s => s.Meta["big"] = new string('v', 10 * 1024 * 1024) + "end")]),
            new("lone surrogates in names, tag keys and values", () =>
            [
                Span(s =>
                {
                    (s.Name, s.Resource, s.Service) = ("op\uD800", "\uDC00GET /", "web\uDBFF");
                    s.Meta["key\uD800"] = "value\uDFFF";
                    s.Metrics["metric\uDC00"] = 1;
                    s.Tags["bag\uD800"] = "x\uDBFFy";
                }),
            ]),
            new("NUL characters", () =>
            [
                Span(s =>
                {
                    (s.Name, s.Resource, s.Type) = ("op\0", "\0GET\0/", "w\0b");
                    s.Meta["key\0"] = "val\0ue";
                    s.Metrics["\0metric"] = 2;
                }),
            ]),
            new("100 000 tags on one span", () =>
            [
                Span(s =>
                {
                    for (int i = 0; i < 50_000; i++)
                    {
                        s.Meta["tag." + i.ToString(CultureInfo.InvariantCulture)] = "value " + i.ToString(CultureInfo.InvariantCulture);
                        s.Metrics["metric." + i.ToString(CultureInfo.InvariantCulture)] = i;
                    }
                }),
            ]),
            new("null collections and null strings", () =>
            [
                Span(s => (s.Meta, s.Metrics, s.Tags, s.Service, s.Name, s.Resource, s.Type) = (null!, null!, null!, null, null, null, null)),
            ]),
            new("null values in tag dictionaries", () =>
            [
                Span(s =>
                {
                    (s.Meta["null"], s.Meta["kept"]) = (null, "yes");
                    (s.Tags["null"], s.Tags["number"], s.Tags["object"]) = (null, 1.5, new object());
                }),
            ], SkippedTags: 1),
            new("ids 0 and ulong.MaxValue", () =>
            [
                Span(s => (s.TraceId, s.SpanId, s.ParentId) = (UInt128.MaxValue, ulong.MaxValue, ulong.MaxValue)),
                Span(s => (s.TraceId, s.SpanId) = (UInt128.MaxValue, 0)),
            ], DroppedSpans: 1),
            new("NaN and infinite metrics", () =>
            [
                Span(s =>
                {
                    (s.Metrics["nan"], s.Metrics["+inf"], s.Metrics["-inf"]) = (double.NaN, double.PositiveInfinity, double.NegativeInfinity);
                    (s.Tags["float.nan"], s.Tags["half.-inf"]) = (float.NaN, Half.NegativeInfinity);
                }),
            ]),
        ];

        /// <summary>Whether the pipelines keep <paramref name="span"/> (only zero ids are left out).</summary>
        public static bool Kept(TestSpan span) => span.SpanId != 0 && (ulong)span.TraceId != 0;

        public override string ToString() => Name;

        private static TestSpan Span(Action<TestSpan> hostile)
        {
            TestSpan span = Spans.Typical(7, 0, traceId: Id);
            hostile(span);
            return span;
        }
    }
}
