using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;

namespace SpanMarshal.Benchmarks.EndToEnd;

/// <summary>
/// The whole send, as a user makes it: <see cref="TraceExporter.Send{TSpan}"/> of 1000 typical spans
/// (100 traces of 10) through the managed pipeline to an intake in another process on loopback
/// (<see cref="Intake"/>), which reads each body and answers 200. Reported per span: wall time here,
/// and CPU time of this process with <c>--end-to-end</c> (<see cref="EndToEndCpu"/>).
/// </summary>
[MemoryDiagnoser]
public class EndToEndBenchmarks : IDisposable
{
    private const int SpanCount = 1000;
    private const int Copies = 8;

    private IntakeProcess? _intake;
    private TraceExporter? _exporter;
    private List<IReadOnlyList<WebSpan>>[] _batches = [];
    private int _turn;

    [Params(TraceApiVersion.V04, TraceApiVersion.V05)]
    public TraceApiVersion Version { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _intake = new IntakeProcess();
        _exporter = Exporter(_intake.Url, Version);
        _batches = [.. Enumerable.Range(0, Copies).Select(_ => WebSpans.Batch(100, 10))];
        TraceExporterResponse response = Send();
        if (!response.IsOk || response.AcceptedTraceCount != 100)
        {
            throw new InvalidOperationException($"The intake did not accept the batch: {response}");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _exporter?.Dispose();
        _intake?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public TraceExporterResponse Send() => _exporter!.Send(_batches[_turn++ % Copies]);

    /// <summary>A managed-pipeline exporter to <paramref name="intake"/> sending <paramref name="version"/>.</summary>
    internal static TraceExporter Exporter(Uri intake, TraceApiVersion version) => TraceExporter.Create(new TraceExporterOptions
    {
        AgentUrl = intake,
        Pipeline = TracePipelineKind.Managed,
        ApiVersion = version,
    });
}
