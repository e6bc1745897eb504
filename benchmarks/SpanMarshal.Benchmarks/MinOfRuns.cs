using System;
using System.Diagnostics;
using System.Globalization;

namespace SpanMarshal.Benchmarks;

/// <summary>
/// <c>--min-of-runs</c>: the fastest of 2000 batches per encoder, per span. On a shared machine
/// BenchmarkDotNet's mean includes time the process spent descheduled; the minimum of many
/// short batches does not, so it is the steadier number there. Use BenchmarkDotNet for the record.
/// </summary>
internal static class MinOfRuns
{
    private const int Warmup = 300;
    private const int Runs = 2000;
    private const int SpansPerBatch = 1000;

    public static void Run()
    {
        var benchmarks = new SpanEncodingBenchmarks();
        benchmarks.Setup();
        (string Name, Action Batch)[] encoders =
        [
            ("Plain_handwritten", () => benchmarks.Plain_handwritten()),
            ("MessagePackCSharp_plain", benchmarks.MessagePackCSharp_plain),
            ("MessagePackCSharp_preEncodedKeys", benchmarks.MessagePackCSharp_preEncodedKeys),
            ("SpanMarshal_generated", () => benchmarks.SpanMarshal_generated()),
            ("SpanMarshal_generated_exporterDefaults", () => benchmarks.SpanMarshal_generated_exporterDefaults()),
            ("SpanMarshal_generated_perRequestStrings", () => benchmarks.SpanMarshal_generated_perRequestStrings()),
            ("SpanMarshal_generated_dictionaryTags", () => benchmarks.SpanMarshal_generated_dictionaryTags()),
            ("SpanMarshal_generated_v05", () => benchmarks.SpanMarshal_generated_v05()),
            ("SpanMarshal_generated_derivedInBaseList", () => benchmarks.SpanMarshal_generated_derivedInBaseList()),
            ("SpanMarshal_generated_noDispatch", () => benchmarks.SpanMarshal_generated_noDispatch()),
        ];

        foreach ((string name, Action batch) in encoders)
        {
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
}
