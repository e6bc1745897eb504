using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using global::OpenTelemetry;
using global::OpenTelemetry.Exporter;
using global::OpenTelemetry.Resources;
using global::OpenTelemetry.Trace;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Pipelines.Managed;

namespace SpanMarshal.Benchmarks.OpenTelemetry;

/// <summary>
/// OpenTelemetry's OTLP exporter (1.20.1, HTTP/protobuf) exporting 1000 <see cref="Activity"/> objects
/// equivalent to the benchmark's spans (<see cref="WebActivities"/>) through its public API:
/// <see cref="OtlpTraceExporter.Export"/> of one batch, its <see cref="HttpClient"/> given a handler that
/// copies the body in process (<see cref="CapturingHandler"/>). That is its serialisation plus one
/// request object per batch and one copy of the body; SpanMarshal's methods here encode the same spans
/// into their pooled buffer without HTTP. Reported per span; the setup prints the bytes per span.
/// </summary>
[MemoryDiagnoser]
public class OtlpBenchmarks : IDisposable
{
    private const int SpanCount = 1000;

    private readonly CapturingHandler _handler = new();
    private OtlpTraceExporter _exporter = null!;
    private TracerProvider _provider = null!;
    private Activity[] _activities = [];
    private List<IReadOnlyList<WebSpan>> _batch = [];
    private BatchMarshaller<WebSpan> _writer = null!;

    /// <summary>The OTLP body's bytes per span, once <see cref="Setup"/> ran.</summary>
    internal double BytesPerSpan { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _batch = WebSpans.Batch(100, 10);
        _activities = WebActivities.From(_batch.SelectMany(t => t));
        _writer = TraceMarshallers.For<WebSpan>();
        _exporter = new OtlpTraceExporter(new OtlpExporterOptions
        {
            Endpoint = new Uri("http://localhost:4318/v1/traces"),
            Protocol = OtlpExportProtocol.HttpProtobuf,
            HttpClientFactory = () => new HttpClient(_handler, disposeHandler: false),
        });

        // The provider gives the exporter its resource (service.name), as in an application.
        _provider = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.Clear().AddService("web-store"))
            .AddProcessor(new SimpleActivityExportProcessor(_exporter))
            .Build();
        if (OpenTelemetry_Otlp() != ExportResult.Success || _handler.LastBodyLength == 0)
        {
            throw new InvalidOperationException("The OTLP exporter did not export the batch.");
        }

        BytesPerSpan = _handler.LastBodyLength / (double)SpanCount;
        Console.WriteLine($"// OTLP/protobuf sends {BytesPerSpan:F1} bytes per span");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _provider?.Dispose();
        _handler.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SpanCount)]
    public ExportResult OpenTelemetry_Otlp() => Export(_exporter, _activities);

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public int SpanMarshal_v04() => Encode(_batch, _writer, TraceApiVersion.V04);

    [Benchmark(OperationsPerInvoke = SpanCount)]
    public int SpanMarshal_v05() => Encode(_batch, _writer, TraceApiVersion.V05);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ExportResult Export(OtlpTraceExporter exporter, Activity[] activities)
        => exporter.Export(new Batch<Activity>(activities, activities.Length));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Encode(List<IReadOnlyList<WebSpan>> batch, BatchMarshaller<WebSpan> writer, TraceApiVersion version)
    {
        using EncodedBatch encoded = EncodedBatch.Create(version, ManagedPipelineSettings.Default.MaxRequestBytes, BufferPools.Shared);
        return encoded.Marshal(batch, 0, writer);
    }
}
