using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpanMarshal.Configuration;
using SpanMarshal.Diagnostics;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Pipelines;

namespace SpanMarshal;

/// <summary>Creates <see cref="TraceWriter{TSpan}"/>s.</summary>
/// <remarks>
/// A writer is typed by the tracer's span type (tracers have one, with derived types at most), so
/// the marshaller is looked up once, here, and a span type without one fails now rather than at
/// the first write. A writer logs its own decisions (the pipeline chosen and why, full buffers,
/// back-off, disposal) under <c>SpanMarshal.TraceWriter</c>, and its pipeline's sends under the
/// categories <see cref="TraceExporter"/> uses (<c>SpanMarshal.Managed</c>, <c>SpanMarshal.LibDatadog</c>).
/// </remarks>
public static class TraceWriter
{
    /// <summary>
    /// Creates a writer and starts its background task. With <see cref="TracePipelineKind.Auto"/>
    /// it uses libdatadog when it loads, else the managed pipeline, and logs which and why.
    /// </summary>
    /// <typeparam name="TSpan">The span type, marked <see cref="GenerateTraceMarshallerAttribute"/> (or a base of such types).</typeparam>
    /// <param name="exporterOptions">Where and how to send (the same options as <see cref="TraceExporter"/>, read once, now); null uses the defaults and the <c>DD_*</c> environment variables.</param>
    /// <param name="writerOptions">Buffering and flushing; null uses the defaults.</param>
    /// <param name="loggerFactory">Where to log; null logs nothing.</param>
    /// <exception cref="ArgumentException">The agent URL or a <c>DD_*</c> variable standing in for it is malformed; the message names which and the value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A writer option or an exporter timeout is out of range; the message names it.</exception>
    /// <exception cref="InvalidOperationException">No span of <typeparamref name="TSpan"/> could ever be marshalled, or libdatadog was asked for and could not create its exporter.</exception>
    /// <exception cref="LibDatadogLoadException">libdatadog was asked for but cannot be loaded or lacks an export.</exception>
    public static TraceWriter<TSpan> Create<TSpan>(TraceExporterOptions? exporterOptions = null, TraceWriterOptions? writerOptions = null, ILoggerFactory? loggerFactory = null)
        where TSpan : class
        => CreateWriter(TraceMarshallers.For<TSpan>(), exporterOptions, writerOptions, loggerFactory);

    /// <summary>Like <see cref="Create{TSpan}"/>, with an explicit marshaller.</summary>
    /// <typeparam name="TSpan">The span type.</typeparam>
    /// <typeparam name="TMarshaller">Its marshaller.</typeparam>
    /// <param name="exporterOptions">Where and how to send; null uses the defaults and the environment.</param>
    /// <param name="writerOptions">Buffering and flushing; null uses the defaults.</param>
    /// <param name="loggerFactory">Where to log; null logs nothing.</param>
    /// <exception cref="ArgumentException">The agent URL or a <c>DD_*</c> variable standing in for it is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A writer option or an exporter timeout is out of range; the message names it.</exception>
    /// <exception cref="LibDatadogLoadException">libdatadog was asked for but cannot be loaded or lacks an export.</exception>
    public static TraceWriter<TSpan> Create<TSpan, TMarshaller>(TraceExporterOptions? exporterOptions = null, TraceWriterOptions? writerOptions = null, ILoggerFactory? loggerFactory = null)
        where TSpan : class
        where TMarshaller : struct, ITraceMarshaller<TSpan>
        => CreateWriter(TraceMarshallers.For<TSpan, TMarshaller>(), exporterOptions, writerOptions, loggerFactory);

    private static TraceWriter<TSpan> CreateWriter<TSpan>(BatchMarshaller<TSpan> marshaller, TraceExporterOptions? exporterOptions, TraceWriterOptions? writerOptions, ILoggerFactory? loggerFactory)
        where TSpan : class
    {
        writerOptions ??= new TraceWriterOptions();
        writerOptions.Validate();
        ExporterSettings settings = ExporterSettings.Resolve(exporterOptions ?? new TraceExporterOptions());
        loggerFactory ??= NullLoggerFactory.Instance;
        ILogger logger = loggerFactory.CreateLogger(LogCategories.Writer);
        return new TraceWriter<TSpan>(PipelineChoice.Create(settings, loggerFactory, logger), marshaller, writerOptions, logger);
    }
}
