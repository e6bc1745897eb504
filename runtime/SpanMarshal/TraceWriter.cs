using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpanMarshal.Marshalling;
using SpanMarshal.Marshalling.Dispatch;
using SpanMarshal.Pipelines;

namespace SpanMarshal;

/// <summary>Creates <see cref="TraceWriter{TSpan}"/>s.</summary>
/// <remarks>
/// A writer is typed by the tracer's span type (tracers have one, with derived types at most), so
/// the marshaller is looked up once, here, and a span type without one fails now rather than at
/// the first write. A writer and its pipeline log under the category <c>SpanMarshal.TraceWriter</c>.
/// </remarks>
public static class TraceWriter
{
    private const string LogCategory = "SpanMarshal.TraceWriter";

    /// <summary>
    /// Creates a writer and starts its background task. With <see cref="TracePipelineKind.Auto"/>
    /// it uses libdatadog when it loads, else the managed pipeline, and logs which and why.
    /// </summary>
    /// <typeparam name="TSpan">The span type, marked <see cref="GenerateTraceMarshallerAttribute"/> (or a base of such types).</typeparam>
    /// <param name="exporterOptions">Where and how to send (the same options as <see cref="TraceExporter"/>); null uses the defaults and the <c>DD_*</c> environment variables.</param>
    /// <param name="writerOptions">Buffering and flushing; null uses the defaults.</param>
    /// <param name="loggerFactory">Where to log; null logs nothing.</param>
    /// <exception cref="ArgumentOutOfRangeException">A writer option is out of range; the message names it.</exception>
    /// <exception cref="InvalidOperationException">No span of <typeparamref name="TSpan"/> could ever be marshalled.</exception>
    /// <exception cref="LibDatadogLoadException">libdatadog was required but cannot be loaded or lacks an export.</exception>
    public static TraceWriter<TSpan> Create<TSpan>(TraceExporterOptions? exporterOptions = null, TraceWriterOptions? writerOptions = null, ILoggerFactory? loggerFactory = null)
        where TSpan : class
        => CreateWriter(TraceMarshallers.For<TSpan>(), exporterOptions, writerOptions, loggerFactory);

    /// <summary>Like <see cref="Create{TSpan}"/>, with an explicit marshaller.</summary>
    /// <typeparam name="TSpan">The span type.</typeparam>
    /// <typeparam name="TMarshaller">Its marshaller.</typeparam>
    /// <param name="exporterOptions">Where and how to send; null uses the defaults and the environment.</param>
    /// <param name="writerOptions">Buffering and flushing; null uses the defaults.</param>
    /// <param name="loggerFactory">Where to log; null logs nothing.</param>
    /// <exception cref="ArgumentOutOfRangeException">A writer option is out of range; the message names it.</exception>
    /// <exception cref="LibDatadogLoadException">libdatadog was required but cannot be loaded or lacks an export.</exception>
    public static TraceWriter<TSpan> Create<TSpan, TMarshaller>(TraceExporterOptions? exporterOptions = null, TraceWriterOptions? writerOptions = null, ILoggerFactory? loggerFactory = null)
        where TSpan : class
        where TMarshaller : struct, ITraceMarshaller<TSpan>
        => CreateWriter(TraceMarshallers.For<TSpan, TMarshaller>(), exporterOptions, writerOptions, loggerFactory);

    private static TraceWriter<TSpan> CreateWriter<TSpan>(BatchMarshaller<TSpan> marshaller, TraceExporterOptions? exporterOptions, TraceWriterOptions? writerOptions, ILoggerFactory? loggerFactory)
        where TSpan : class
    {
        writerOptions ??= new TraceWriterOptions();
        writerOptions.Validate();
        exporterOptions ??= new TraceExporterOptions();
        ILogger logger = exporterOptions.Logger ?? loggerFactory?.CreateLogger(LogCategory) ?? NullLogger.Instance;
        return new TraceWriter<TSpan>(PipelineChoice.Create(exporterOptions, logger), marshaller, writerOptions, logger);
    }
}
