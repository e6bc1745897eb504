using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ScottPlot;
using SpanMarshal.Benchmarks.OpenTelemetry;

namespace SpanMarshal.Benchmarks.Record;

/// <summary>
/// <c>--charts RESULTS OUT</c>: the PNG charts of <c>docs/benchmarks.md</c>, drawn from the JSON
/// reports of a BenchmarkDotNet run in <c>RESULTS</c> (one chart of time per span per benchmark
/// class) and from the bytes the encoders write for the benchmark's batch (measured here, by the
/// same setups the benchmarks run).
/// </summary>
internal static class Charts
{
    private const int Width = 900;
    private const int RowHeight = 34;

    public static int Run(string resultsDirectory, string outputDirectory)
    {
        List<BenchmarkResult> results = BenchmarkResult.ReadAll(resultsDirectory);
        if (results.Count == 0)
        {
            Console.Error.WriteLine($"No BenchmarkDotNet JSON report in {resultsDirectory}: run the benchmarks with --exporters json.");
            return 1;
        }

        Directory.CreateDirectory(outputDirectory);
        foreach (IGrouping<string, BenchmarkResult> type in results.GroupBy(r => r.Type))
        {
            BenchmarkResult[] cases = [.. type];
            string path = Path.Combine(outputDirectory, $"{type.Key}.png");
            Bars(
                $"{type.Key}: time per span (lower is better)",
                "ns per span",
                [.. cases.Select(c => (c.Label, c.MeanNanoseconds, Describe(c)))],
                path);
            Console.WriteLine(path);
        }

        string bytesPath = Path.Combine(outputDirectory, "BytesPerSpan.png");
        Bars("Bytes per span on the wire, same 1000 spans (lower is better)", "bytes per span", WireBytes(), bytesPath);
        Console.WriteLine(bytesPath);
        return 0;
    }

    private static string Describe(BenchmarkResult result) => double.IsNaN(result.AllocatedBytes)
        ? string.Create(CultureInfo.InvariantCulture, $"{result.MeanNanoseconds:F0} ns")
        : string.Create(CultureInfo.InvariantCulture, $"{result.MeanNanoseconds:F0} ns, {result.AllocatedBytes:F0} B");

    private static (string Label, double Value, string Text)[] WireBytes()
    {
        var encoding = new SpanEncodingBenchmarks();
        encoding.Setup();
        using var otlp = new OtlpBenchmarks();
        otlp.Setup();
        return
        [
            ("SpanMarshal v0.4 (msgpack)", encoding.BytesPerSpanV04, string.Create(CultureInfo.InvariantCulture, $"{encoding.BytesPerSpanV04:F1} B")),
            ("SpanMarshal v0.5 (msgpack, string table)", encoding.BytesPerSpanV05, string.Create(CultureInfo.InvariantCulture, $"{encoding.BytesPerSpanV05:F1} B")),
            ("OpenTelemetry OTLP (protobuf)", otlp.BytesPerSpan, string.Create(CultureInfo.InvariantCulture, $"{otlp.BytesPerSpan:F1} B")),
        ];
    }

    private static void Bars(string title, string unit, (string Label, double Value, string Text)[] rows, string path)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(unit);
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (int i = 0; i < rows.Length; i++)
        {
            // Top to bottom in the order given.
            double position = rows.Length - 1 - i;
            bars.Add(new Bar { Position = position, Value = rows[i].Value, Label = rows[i].Text });
            ticks.Add(new Tick(position, rows[i].Label));
        }

        var plotted = plot.Add.Bars(bars);
        plotted.Horizontal = true;
        plotted.ValueLabelStyle.FontSize = 14;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Margins(left: 0, right: 0.25, bottom: 0.05, top: 0.05);
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;
        plot.SavePng(path, Width, 120 + (RowHeight * rows.Length) + 60);
    }
}
