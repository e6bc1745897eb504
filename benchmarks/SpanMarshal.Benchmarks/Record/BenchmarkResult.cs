using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SpanMarshal.Benchmarks.Record;

/// <summary>One benchmark case of a BenchmarkDotNet JSON report (<c>--exporters json</c>): per operation, so per span here.</summary>
/// <param name="Type">The benchmark class.</param>
/// <param name="Method">The benchmark method.</param>
/// <param name="Parameters">Its parameters as BenchmarkDotNet prints them (<c>Version=V04</c>), empty when none.</param>
/// <param name="MeanNanoseconds">The mean time per operation.</param>
/// <param name="AllocatedBytes">Bytes allocated per operation (NaN when not measured).</param>
internal sealed record BenchmarkResult(string Type, string Method, string Parameters, double MeanNanoseconds, double AllocatedBytes)
{
    /// <summary>The method, with its parameters when it has any.</summary>
    public string Label => Parameters.Length == 0 ? Method : $"{Method} ({Parameters})";

    /// <summary>Every case of every <c>*-report-full*.json</c> in <paramref name="directory"/>.</summary>
    public static List<BenchmarkResult> ReadAll(string directory)
    {
        var results = new List<BenchmarkResult>();
        foreach (string file in Directory.EnumerateFiles(directory, "*-report-full*.json").Order())
        {
            using JsonDocument report = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (JsonElement benchmark in report.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                // A case that failed has no statistics: it is left out of the charts, not drawn as zero.
                if (!benchmark.TryGetProperty("Statistics", out JsonElement statistics) || statistics.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                results.Add(new BenchmarkResult(
                    benchmark.GetProperty(nameof(Type)).GetString()!,
                    benchmark.GetProperty(nameof(Method)).GetString()!,
                    benchmark.GetProperty(nameof(Parameters)).GetString() ?? string.Empty,
                    statistics.GetProperty("Mean").GetDouble(),
                    AllocatedPerOperation(benchmark)));
            }
        }

        return results;
    }

    // Null when the run had no memory diagnoser.
    private static double AllocatedPerOperation(JsonElement benchmark)
        => benchmark.TryGetProperty("Memory", out JsonElement memory)
            && memory.TryGetProperty("BytesAllocatedPerOperation", out JsonElement bytes)
            && bytes.ValueKind == JsonValueKind.Number
                ? bytes.GetDouble()
                : double.NaN;
}
