using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace SpanMarshal.Benchmarks.EndToEnd;

/// <summary>
/// <c>--end-to-end [sends] [V04|V05]</c>: the CPU this process spends per span (every thread, user and kernel:
/// marshalling, encoding, HTTP, the socket writes), the wall time per span and the bytes allocated per
/// span, for sends of 1000 spans to an <see cref="Intake"/> in another process: the best and the median
/// of ten rounds (on a shared machine the best is the one least disturbed by other processes). Each
/// version is followed by its floor (<see cref="RawSocketSender"/>): the same bodies over a bare socket.
/// Process CPU time is counted in clock ticks (10 ms), so a round should last a second or more: 1000 sends.
/// </summary>
internal static class EndToEndCpu
{
    private const int SpansPerSend = 1000;
    private const int Rounds = 10;

    public static void Run(int sendsPerRound, TraceApiVersion[] versions)
    {
        using var intake = new IntakeProcess();
        List<IReadOnlyList<WebSpan>>[] batches = [.. Enumerable.Range(0, 8).Select(_ => WebSpans.Batch(100, 10))];
        foreach (TraceApiVersion version in versions)
        {
            using (TraceExporter exporter = EndToEndBenchmarks.Exporter(intake.Url, version))
            {
                Measure($"end to end {version}", batch => Check(exporter.Send(batch)), batches, sendsPerRound);
            }

            // What limits the figure above: the same bodies over a bare socket, encoded per send, then encoded once.
            using var raw = new RawSocketSender(intake.Url, version);
            Measure($"bare socket {version}, encoded per send", raw.Send, batches, sendsPerRound);
            Measure($"bare socket {version}, encoded once", raw.SendPreEncoded, batches, sendsPerRound);
        }
    }

    private static void Measure(string label, Action<List<IReadOnlyList<WebSpan>>> send, List<IReadOnlyList<WebSpan>>[] batches, int sendsPerRound)
    {
        // Warm up for seconds, not sends: on a loaded machine the JIT's tier-1 compiles wait their turn.
        int turn = 0;
        long warmup = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warmup) < TimeSpan.FromSeconds(5) || turn < sendsPerRound)
        {
            send(batches[turn++ % batches.Length]);
        }

        double[] cpu = new double[Rounds], kernel = new double[Rounds], wall = new double[Rounds], allocated = new double[Rounds];
        using var process = Process.GetCurrentProcess();
        for (int round = 0; round < Rounds; round++)
        {
            process.Refresh();
            TimeSpan cpuStart = process.TotalProcessorTime;
            TimeSpan kernelStart = process.PrivilegedProcessorTime;
            long bytesStart = GC.GetTotalAllocatedBytes(precise: true);
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < sendsPerRound; i++)
            {
                send(batches[turn++ % batches.Length]);
            }

            double spans = (double)sendsPerRound * SpansPerSend;
            wall[round] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / spans;
            allocated[round] = (GC.GetTotalAllocatedBytes(precise: true) - bytesStart) / spans;
            process.Refresh();
            cpu[round] = (process.TotalProcessorTime - cpuStart).TotalNanoseconds / spans;
            kernel[round] = (process.PrivilegedProcessorTime - kernelStart).TotalNanoseconds / spans;
        }

        Array.Sort(cpu);
        Array.Sort(kernel);
        Array.Sort(wall);
        Array.Sort(allocated);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label,-38}: CPU {cpu[0],4:F0} ns/span (median {cpu[Rounds / 2],4:F0}; kernel {kernel[0],4:F0}, median {kernel[Rounds / 2],4:F0})  wall {wall[0],4:F0} ns/span (median {wall[Rounds / 2],4:F0})  {allocated[0]:F1} B allocated/span  ({Rounds} rounds of {sendsPerRound} sends of {SpansPerSend} spans)"));
    }

    private static void Check(TraceExporterResponse response)
    {
        if (!response.IsOk)
        {
            throw new InvalidOperationException($"The intake did not accept a send: {response}");
        }
    }
}
