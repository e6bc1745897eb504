using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Native;

/// <summary>
/// libdatadog's data-pipeline C ABI (v39+): a binding for every function of
/// <c>shared/docs/libdatadog-abi.md</c> that SpanMarshal calls, the single place where the ABI is written down in C#.
/// </summary>
/// <remarks>
/// Signatures are blittable: slices and the span fields are passed as their C structs, bools as
/// one byte, errors come back as raw <see cref="NativeError"/> pointers (no allocation when a
/// call succeeds). Objects the caller keeps are <see cref="System.Runtime.InteropServices.SafeHandle"/>s;
/// the span being built is a raw pointer owned by <see cref="SpanHandle"/>, because the hot
/// path makes several calls per span and must not pay a ref-count round trip for each.
/// The library name is a logical one that <see cref="LibDatadogLibrary"/> resolves to the
/// library it loaded and checked.
/// </remarks>
internal static unsafe partial class NativeMethods
{
    internal const string LibraryName = "spanmarshal-libdatadog";

    /// <summary>
    /// An export that first appears in libdatadog v39. Its presence tells v39 and newer from
    /// v36-v38, whose release bundles abort the whole process on any Rust panic; SpanMarshal never calls it.
    /// </summary>
    internal const string VersionMarkerExport = "ddog_tracer_span_add_event";

    /// <summary>Every export SpanMarshal calls, and the version marker; all are checked when the library is loaded.</summary>
    internal static readonly string[] RequiredExports =
    [
        "ddog_tracer_span_new",
        "ddog_tracer_span_free",
        "ddog_tracer_span_set_meta",
        "ddog_tracer_span_set_metric",
        "ddog_tracer_trace_chunks_new",
        "ddog_tracer_trace_chunks_free",
        "ddog_tracer_trace_chunks_begin_chunk",
        "ddog_tracer_trace_chunks_push_span",
        "ddog_trace_exporter_send_trace_chunks",
        "ddog_trace_exporter_cancel_token_new",
        "ddog_trace_exporter_cancel_token_cancel",
        "ddog_trace_exporter_cancel_token_drop",
        "ddog_trace_exporter_config_new",
        "ddog_trace_exporter_config_free",
        "ddog_trace_exporter_config_set_url",
        "ddog_trace_exporter_config_set_tracer_version",
        "ddog_trace_exporter_config_set_language",
        "ddog_trace_exporter_config_set_lang_version",
        "ddog_trace_exporter_config_set_lang_interpreter",
        "ddog_trace_exporter_config_set_hostname",
        "ddog_trace_exporter_config_set_env",
        "ddog_trace_exporter_config_set_version",
        "ddog_trace_exporter_config_set_service",
        "ddog_trace_exporter_config_set_compute_stats",
        "ddog_trace_exporter_config_set_connection_timeout",
        "ddog_trace_exporter_new",
        "ddog_trace_exporter_free",
        "ddog_trace_exporter_response_get_body",
        "ddog_trace_exporter_response_free",
        "ddog_trace_exporter_error_free",
        VersionMarkerExport,
    ];

    // ---- spans ----

    /// <summary>Copies every string of <paramref name="fields"/>; null fields give InvalidArgument.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_tracer_span_new(nint* span, TracerSpanFields* fields);

    /// <summary>Only for a span never pushed; must not be NULL before v39.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void ddog_tracer_span_free(nint span);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_tracer_span_set_meta(nint span, CharSlice key, CharSlice value);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_tracer_span_set_metric(nint span, CharSlice key, double value);

    // ---- chunk sets ----

    /// <summary>The capacity comes first.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_tracer_trace_chunks_new(nuint capacity, out TraceChunksHandle chunks);

    /// <summary>Only for chunks never sent.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void ddog_tracer_trace_chunks_free(nint chunks);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_tracer_trace_chunks_begin_chunk(TraceChunksHandle chunks, nuint capacity);

    /// <summary>Consumes <paramref name="span"/> on every path, errors included.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_tracer_trace_chunks_push_span(TraceChunksHandle chunks, nint span);

    // ---- sending ----

    /// <summary>Consumes <paramref name="chunks"/> on every path; blocks; the response is written only on success.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_trace_exporter_send_trace_chunks(ExporterHandle exporter, TraceChunksHandle chunks, out ResponseHandle response, CancelTokenHandle cancel);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial CancelTokenHandle ddog_trace_exporter_cancel_token_new();

    /// <summary>Makes an in-flight send that uses the token fail with IoError.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void ddog_trace_exporter_cancel_token_cancel(CancelTokenHandle token);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void ddog_trace_exporter_cancel_token_drop(nint token);

    // ---- config ----

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void ddog_trace_exporter_config_new(out ConfigHandle config);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void ddog_trace_exporter_config_free(nint config);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_trace_exporter_config_set_url(ConfigHandle config, CharSlice value);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_trace_exporter_config_set_tracer_version(ConfigHandle config, CharSlice value);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_trace_exporter_config_set_language(ConfigHandle config, CharSlice value);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_trace_exporter_config_set_lang_version(ConfigHandle config, CharSlice value);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_trace_exporter_config_set_lang_interpreter(ConfigHandle config, CharSlice value);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_trace_exporter_config_set_hostname(ConfigHandle config, CharSlice value);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_trace_exporter_config_set_env(ConfigHandle config, CharSlice value);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_trace_exporter_config_set_version(ConfigHandle config, CharSlice value);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_trace_exporter_config_set_service(ConfigHandle config, CharSlice value);

    /// <summary>Rust <c>bool</c>: one byte, 0 or 1.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_trace_exporter_config_set_compute_stats(ConfigHandle config, byte value);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_trace_exporter_config_set_connection_timeout(ConfigHandle config, ulong timeoutMs);

    // ---- exporter, response, error ----

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial NativeError* ddog_trace_exporter_new(out ExporterHandle exporter, ConfigHandle config);

    /// <summary>Blocks (runs shutdown): never under a send, never on the finalizer thread.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void ddog_trace_exporter_free(nint exporter);

    /// <summary>Borrowed from the response: copy it before the response is freed.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial ByteSlice ddog_trace_exporter_response_get_body(ResponseHandle response);

    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void ddog_trace_exporter_response_free(nint response);

    /// <summary>NULL-safe; frees the message too.</summary>
    [LibraryImport(LibraryName)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void ddog_trace_exporter_error_free(NativeError* error);
}
