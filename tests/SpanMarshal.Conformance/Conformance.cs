using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace SpanMarshal.Tests.Support;

/// <summary>
/// The test controls of the C conformance library (tests/native), called through function pointers;
/// the library is built next to the assembly of every project that imports tests/native/Conformance.targets.
/// </summary>
public static unsafe class Conformance
{
    public static readonly string LibraryPath = Path.Combine(AppContext.BaseDirectory, "libspanmarshal_conformance.so");

    /// <summary>The variant built without the cancel-token exports (like libdatadog v35).</summary>
    public static readonly string NoCancelLibraryPath = Path.Combine(AppContext.BaseDirectory, "libspanmarshal_conformance_nocancel.so");

    /// <summary>The variant without v39's first export (like libdatadog v36-v38).</summary>
    public static readonly string V38LibraryPath = Path.Combine(AppContext.BaseDirectory, "libspanmarshal_conformance_v38.so");

    private static readonly nint Library = NativeLibrary.Load(LibraryPath);

    public static void Reset() => ((delegate* unmanaged[Cdecl]<void>)Export("sm_test_reset"))();

    /// <summary>Makes the <paramref name="nth"/> call (1-based; 0 = every call) of <paramref name="function"/> fail with <paramref name="code"/>.</summary>
    public static void Fail(string function, TraceExporterErrorCode code, int nth = 0)
    {
        fixed (byte* name = Utf8z(function))
        {
            ((delegate* unmanaged[Cdecl]<byte*, int, int, void>)Export("sm_test_fail"))(name, nth, (int)code);
        }
    }

    public static void SetResponseBody(string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        fixed (byte* p = bytes)
        {
            ((delegate* unmanaged[Cdecl]<byte*, nuint, void>)Export("sm_test_set_response_body"))(p, (nuint)bytes.Length);
        }
    }

    /// <summary>Every send then takes <paramref name="ms"/> milliseconds unless its cancel token fires.</summary>
    public static void SetSendDelay(int ms) => ((delegate* unmanaged[Cdecl]<int, void>)Export("sm_test_set_send_delay_ms"))(ms);

    /// <summary>A cancelled send then keeps going for <paramref name="ms"/> milliseconds before it fails, like a real one unwinding.</summary>
    public static void SetCancelLatency(int ms) => ((delegate* unmanaged[Cdecl]<int, void>)Export("sm_test_set_cancel_latency_ms"))(ms);

    /// <summary>
    /// With false (until <see cref="Reset"/>), span calls keep their handle checks but copy, validate and
    /// count nothing, and a send frees its chunks instead of recording them: what remains is the
    /// binding's own cost, for benchmarks.
    /// </summary>
    public static void SetRecording(bool on) => ((delegate* unmanaged[Cdecl]<int, void>)Export("sm_test_set_recording"))(on ? 1 : 0);

    public static int SendsInProgress() => ((delegate* unmanaged[Cdecl]<int>)Export("sm_test_sends_in_progress"))();

    public static long SizeOf(string type)
    {
        fixed (byte* t = Utf8z(type))
        {
            return (long)((delegate* unmanaged[Cdecl]<byte*, nint>)Export("sm_test_sizeof"))(t);
        }
    }

    public static long OffsetOf(string type, string field)
    {
        fixed (byte* t = Utf8z(type))
        fixed (byte* f = Utf8z(field))
        {
            return (long)((delegate* unmanaged[Cdecl]<byte*, byte*, nint>)Export("sm_test_offsetof"))(t, f);
        }
    }

    public static string? ErrorCodeName(int code)
        => Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<int, nint>)Export("sm_test_error_code_name"))(code));

    public static Recording Read() => new(JsonDocument.Parse(Dump()).RootElement.Clone());

    /// <summary>
    /// The trace id of every span recorded, read without <see cref="JsonDocument"/>, whose pooled
    /// arrays would stay in the shared pool and blur a test that measures the heap.
    /// </summary>
    public static List<UInt128> ReadSpanTraceIds()
    {
        var ids = new List<UInt128>();
        var reader = new Utf8JsonReader(Dump().Span);
        ulong low = 0;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            // A span's fields are written in this order: trace_id_low, then trace_id_high.
            if (reader.ValueTextEquals("trace_id_low"u8) && reader.Read())
            {
                low = reader.GetUInt64();
            }
            else if (reader.ValueTextEquals("trace_id_high"u8) && reader.Read())
            {
                ids.Add(new UInt128(reader.GetUInt64(), low));
            }
        }

        return ids;
    }

    private static ReadOnlyMemory<byte> Dump()
    {
        var dump = (delegate* unmanaged[Cdecl]<byte*, nuint, nuint>)Export("sm_test_dump");
        while (true)
        {
            int length = checked((int)dump(null, 0));
            byte[] buffer = new byte[length + 1024];
            fixed (byte* p = buffer)
            {
                int written = checked((int)dump(p, (nuint)buffer.Length));
                if (written <= buffer.Length)
                {
                    return buffer.AsMemory(0, written);
                }
            }
        }
    }

    /// <summary>
    /// Options that route an exporter to the conformance library. They set no service, environment,
    /// version or host name, so spans arrive as the managed pipeline's would with the same options.
    /// </summary>
    public static TraceExporterOptions Options() => new()
    {
        Pipeline = TracePipelineKind.LibDatadog,
        LibDatadogPath = LibraryPath,
        AgentUrl = new Uri("http://localhost:8126"),
    };

    private static nint Export(string name) => NativeLibrary.GetExport(Library, name);

    private static byte[] Utf8z(string value) => Encoding.UTF8.GetBytes(value + "\0");
}
