using System;
using BenchmarkDotNet.Running;

namespace SpanMarshal.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length >= 1 && args[0] == "--quick")
        {
            return QuickRun.Run(args[1..]);
        }

        if (args.Length >= 1 && args[0] == "--min-of-runs")
        {
            MinOfRuns.Run(args[1..]);
            return 0;
        }

        if (args.Length == 3 && args[0] == "--charts")
        {
            return Record.Charts.Run(args[1], args[2]);
        }

        if (args.Length == 1 && args[0] == "--intake")
        {
            EndToEnd.Intake.Run();
            return 0;
        }

        if (args.Length >= 1 && args[0] == "--end-to-end")
        {
            EndToEnd.EndToEndCpu.Run(
                args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000,
                args.Length > 2 ? [Enum.Parse<TraceApiVersion>(args[2])] : [TraceApiVersion.V04, TraceApiVersion.V05]);
            return 0;
        }

        if (args.Length == 3 && args[0] == "--batches")
        {
            MinOfRuns.RunBatches(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
