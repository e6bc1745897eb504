using System.Collections.Generic;
using System.Linq;
using CsCheck;

namespace SpanMarshal.Tests.Support;

/// <summary>
/// Random batches of <see cref="TestSpan"/>s for property tests: null and empty traces, null spans,
/// spans the pipelines leave out (zero ids, a start before 1970, a negative duration), and tags from
/// none to several KiB, so that traces fall on both sides of a 4 KiB request limit.
/// </summary>
public static class RandomBatches
{
    /// <summary>A span: valid with a tag of 0 to 2500 bytes (most), null, or one of the kinds both pipelines leave out.</summary>
    public static readonly Gen<TestSpan?> Span = Gen.Frequency(
        (12, Gen.Select(Gen.ULong[1, ulong.MaxValue], Gen.ULong[1, ulong.MaxValue], Gen.Int[0, 2500], (traceId, spanId, tag) => Valid(traceId, spanId, tag))),
        (1, Gen.Const<TestSpan?>(() => null)),
        (1, Gen.Const<TestSpan?>(() => new TestSpan { SpanId = 0 })),
        (1, Gen.Const<TestSpan?>(() => new TestSpan { TraceId = 0 })),
        (1, Gen.Const<TestSpan?>(() => new TestSpan { Start = -1 })),
        (1, Gen.Const<TestSpan?>(() => new TestSpan { Duration = -1 })));

    /// <summary>A trace: null, empty, or one to four spans.</summary>
    public static readonly Gen<IReadOnlyList<TestSpan>> Trace = Gen.Frequency(
        (1, Gen.Const<IReadOnlyList<TestSpan>>(() => null!)),
        (1, Gen.Const<IReadOnlyList<TestSpan>>(() => [])),
        (10, Span.List[1, 4].Select(spans => (IReadOnlyList<TestSpan>)spans!)));

    /// <summary>A batch of none to twelve traces.</summary>
    public static readonly Gen<List<IReadOnlyList<TestSpan>>> Batch = Trace.List[0, 12];

    public static string Describe(List<IReadOnlyList<TestSpan>> traces)
        => "[" + string.Join(", ", traces.Select(t => t is null ? "null" : "[" + string.Join(", ", t.Select(Describe)) + "]")) + "]";

    private static string Describe(TestSpan? span) => span switch
    {
        null => "null",
        { SpanId: 0 } => "span id 0",
        _ when span.TraceId == 0 => "trace id 0",
        { Start: < 0 } => "start -1",
        { Duration: < 0 } => "duration -1",
        _ => $"{span.Meta.GetValueOrDefault("blob")?.Length ?? 0} B",
    };

    private static TestSpan Valid(ulong traceId, ulong spanId, int tag) => new()
    {
        TraceId = traceId,
        SpanId = spanId,
        Meta = { ["blob"] = new string('b', tag) },
        Metrics = { ["n"] = tag },
    };
}
