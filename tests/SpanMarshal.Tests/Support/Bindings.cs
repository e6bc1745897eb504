using System;
using System.Text;
using SpanMarshal.Marshalling;
using SpanMarshal.Native;
using Xunit;

namespace SpanMarshal.Tests.Support;

/// <summary>Small helpers for calling the raw bindings from tests.</summary>
internal static unsafe class Bindings
{
    public delegate NativeError* SliceCall(CharSlice slice);

    /// <summary>Calls <paramref name="call"/> with a UTF-8 slice of <paramref name="value"/> and takes its error.</summary>
    public static NativeFailure? WithSlice(string? value, SliceCall call)
    {
        if (value is null)
        {
            return NativeFailure.Take(call(default));
        }

        byte[] bytes = Encoding.UTF8.GetBytes(value);
        fixed (byte* p = bytes)
        {
            return NativeFailure.Take(call(new CharSlice(p, bytes.Length)));
        }
    }

    public static ConfigHandle NewConfig(string url = "http://localhost:8126")
    {
        NativeMethods.ddog_trace_exporter_config_new(out ConfigHandle config);
        Assert.Null(WithSlice(url, s => NativeMethods.ddog_trace_exporter_config_set_url(config, s)));
        return config;
    }

    public static NativeFailure? SetEnv(string value)
    {
        using ConfigHandle config = NewConfig();
        return WithSlice(value, s => NativeMethods.ddog_trace_exporter_config_set_env(config, s));
    }

    public static ExporterHandle NewExporter()
    {
        using ConfigHandle config = NewConfig();
        Assert.Null(NativeFailure.Take(NativeMethods.ddog_trace_exporter_new(out ExporterHandle exporter, config)));
        return exporter;
    }

    public static TraceChunksHandle NewChunks(nuint capacity = 1)
    {
        Assert.Null(NativeFailure.Take(NativeMethods.ddog_tracer_trace_chunks_new(capacity, out TraceChunksHandle chunks)));
        return chunks;
    }

    /// <summary>A span with the given fields (strings are copied by libdatadog, so the pins end with the call).</summary>
    public static nint NewSpan(string service, string name, string resource, string type, ulong traceIdLow, ulong traceIdHigh, ulong spanId, ulong parentId, long start, long duration, int error)
    {
        byte[] s = Encoding.UTF8.GetBytes(service), n = Encoding.UTF8.GetBytes(name), r = Encoding.UTF8.GetBytes(resource), t = Encoding.UTF8.GetBytes(type);
        fixed (byte* ps = s, pn = n, pr = r, pt = t)
        {
            TracerSpanFields fields = default;
            fields.Service = new CharSlice(ps, s.Length);
            fields.Name = new CharSlice(pn, n.Length);
            fields.Resource = new CharSlice(pr, r.Length);
            fields.SpanType = new CharSlice(pt, t.Length);
            fields.TraceIdLow = traceIdLow;
            fields.TraceIdHigh = traceIdHigh;
            fields.SpanId = spanId;
            fields.ParentId = parentId;
            fields.Start = start;
            fields.Duration = duration;
            fields.Error = error;
            nint span;
            Assert.Null(NativeFailure.Take(NativeMethods.ddog_tracer_span_new(&span, &fields)));
            return span;
        }
    }

    public static nint NewSpan() => NewSpan("svc", "op", "res", "web", 1, 0, 2, 0, 10, 20, 0);

    public static NativeFailure? SetMeta(nint span, string key, string value)
    {
        byte[] k = Encoding.UTF8.GetBytes(key), v = Encoding.UTF8.GetBytes(value);
        fixed (byte* pk = k, pv = v)
        {
            return NativeFailure.Take(NativeMethods.ddog_tracer_span_set_meta(span, new CharSlice(pk, k.Length), new CharSlice(pv, v.Length)));
        }
    }

    public static NativeFailure? SetMetric(nint span, string key, double value)
        => WithSlice(key, k => NativeMethods.ddog_tracer_span_set_metric(span, k, value));

    /// <summary>Sends <paramref name="chunks"/> (consuming it) and returns the error or the copied body.</summary>
    public static (NativeFailure? Failure, byte[] Body) Send(ExporterHandle exporter, TraceChunksHandle chunks, CancelTokenHandle? cancel = null)
    {
        using CancelTokenHandle token = cancel ?? NativeMethods.ddog_trace_exporter_cancel_token_new();
        NativeError* error = NativeMethods.ddog_trace_exporter_send_trace_chunks(exporter, chunks, out ResponseHandle response, token);
        chunks.MarkConsumed();
        using (response)
        {
            NativeFailure? failure = NativeFailure.Take(error);
            Assert.Equal(failure is not null, response.IsInvalid);
            return (failure, response.CopyBody().Bytes);
        }
    }
}
