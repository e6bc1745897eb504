using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace SpanMarshal.Diagnostics;

/// <summary>
/// The live trace writers that <see cref="HealthMetrics.SpansBuffered"/> reports on: each registers
/// when created and leaves when its background task ends, so the meter never keeps a writer alive
/// after that.
/// </summary>
internal static class BufferedSpanSources
{
    private static readonly HashSet<IBufferedSpanSource> Sources = [];

    public static void Add(IBufferedSpanSource source)
    {
        lock (Sources)
        {
            Sources.Add(source);
        }
    }

    public static void Remove(IBufferedSpanSource source)
    {
        lock (Sources)
        {
            Sources.Remove(source);
        }
    }

    /// <summary>One measurement per live writer (a listener collects rarely, so the list is no hot path).</summary>
    public static IEnumerable<Measurement<long>> Observe()
    {
        lock (Sources)
        {
            var measurements = new List<Measurement<long>>(Sources.Count);
            foreach (IBufferedSpanSource source in Sources)
            {
                measurements.Add(new Measurement<long>(source.BufferedSpans, HealthMetrics.Pipeline(source.Pipeline)));
            }

            return measurements;
        }
    }
}

/// <summary>A trace writer, as <see cref="BufferedSpanSources"/> sees it.</summary>
internal interface IBufferedSpanSource
{
    TracePipelineKind Pipeline { get; }

    /// <summary>Spans written and not yet sent or dropped (read without a lock: a measurement may be a moment old).</summary>
    int BufferedSpans { get; }
}
