using System;
using BenchmarkDotNet.Running;

namespace SpanMarshal.Benchmarks;

internal static class Program
{
    private static void Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "--min-of-runs")
        {
            MinOfRuns.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
