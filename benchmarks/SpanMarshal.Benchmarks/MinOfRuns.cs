using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace SpanMarshal.Benchmarks;

/// <summary>
/// <c>--min-of-runs [name...]</c>: the fastest of 2000 batches per encoder (those whose names contain one of the names given), per span. On a shared machine
/// BenchmarkDotNet's mean includes time the process spent descheduled; the minimum of many
/// short batches does not, so it is the steadier number there. Use BenchmarkDotNet for the record.
/// </summary>
internal static class MinOfRuns
{
    private const int Warmup = 300;
    private const int Runs = 2000;
    private const int SpansPerBatch = 1000;

    /// <summary>
    /// <c>--batches NAME COUNT</c>: runs one encoder's batch COUNT times and nothing else, for instruction
    /// counts (<c>valgrind --tool=callgrind</c>): two counts differ by exactly the batches between them.
    /// </summary>
    public static void RunBatches(string name, int count)
    {
        Action batch = Encoders().Single(e => e.Name == name).Batch;
        for (int i = 0; i < count; i++)
        {
            batch();
        }
    }

    public static void Run(string[] only)
    {
        foreach ((string name, Action batch) in Encoders())
        {
            if (only.Length != 0 && !Array.Exists(only, name.Contains))
            {
                continue;
            }

            for (int i = 0; i < Warmup; i++)
            {
                batch();
            }

            double fastest = double.MaxValue;
            for (int i = 0; i < Runs; i++)
            {
                long start = Stopwatch.GetTimestamp();
                batch();
                fastest = Math.Min(fastest, Stopwatch.GetElapsedTime(start).TotalNanoseconds / SpansPerBatch);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} {fastest,8:F1} ns/span (fastest of {Runs} batches)"));
        }
    }

    private static (string Name, Action Batch)[] Encoders()
    {
        var b = new SpanEncodingBenchmarks();
        b.Setup();
        return
        [
            ("Plain_handwritten", () => b.Plain_handwritten()),
            ("MessagePackCSharp_plain", b.MessagePackCSharp_plain),
            ("MessagePackCSharp_preEncodedKeys", b.MessagePackCSharp_preEncodedKeys),
            ("SpanMarshal_generated", () => b.SpanMarshal_generated()),
            ("SpanMarshal_generated_exporterDefaults", () => b.SpanMarshal_generated_exporterDefaults()),
            ("SpanMarshal_generated_perRequestStrings", () => b.SpanMarshal_generated_perRequestStrings()),
            ("SpanMarshal_generated_dictionaryTags", () => b.SpanMarshal_generated_dictionaryTags()),
            ("SpanMarshal_generated_v05", () => b.SpanMarshal_generated_v05()),
            ("SpanMarshal_generated_derivedInBaseList", () => b.SpanMarshal_generated_derivedInBaseList()),
            ("SpanMarshal_generated_noDispatch", () => b.SpanMarshal_generated_noDispatch()),
        ];
    }
}
