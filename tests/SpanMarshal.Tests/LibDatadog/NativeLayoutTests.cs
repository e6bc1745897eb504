using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SpanMarshal.Marshalling;
using SpanMarshal.Native;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.LibDatadog;

/// <summary>The C# structs match libdatadog's layouts: checked against the ABI document's numbers and against what the C compiler computes.</summary>
public class NativeLayoutTests : NativeTest
{
    [Theory]
    [InlineData(nameof(TracerSpanFields.Service), "service", 0)]
    [InlineData(nameof(TracerSpanFields.Name), "name", 16)]
    [InlineData(nameof(TracerSpanFields.Resource), "resource", 32)]
    [InlineData(nameof(TracerSpanFields.SpanType), "span_type", 48)]
    [InlineData(nameof(TracerSpanFields.TraceIdLow), "trace_id_low", 64)]
    [InlineData(nameof(TracerSpanFields.TraceIdHigh), "trace_id_high", 72)]
    [InlineData(nameof(TracerSpanFields.SpanId), "span_id", 80)]
    [InlineData(nameof(TracerSpanFields.ParentId), "parent_id", 88)]
    [InlineData(nameof(TracerSpanFields.Start), "start", 96)]
    [InlineData(nameof(TracerSpanFields.Duration), "duration", 104)]
    [InlineData(nameof(TracerSpanFields.Error), "error", 112)]
    public void TracerSpanFields_field_offsets_match_the_abi(string field, string cField, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf<TracerSpanFields>(field));
        Assert.Equal(offset, Conformance.OffsetOf("ddog_TracerSpanFields", cField));
    }

    [Fact]
    public void Struct_sizes_match_the_abi()
    {
        Assert.Equal(120, Unsafe.SizeOf<TracerSpanFields>());
        Assert.Equal(120, Marshal.SizeOf<TracerSpanFields>());
        Assert.Equal(120, Conformance.SizeOf("ddog_TracerSpanFields"));
        Assert.Equal(16, Unsafe.SizeOf<CharSlice>());
        Assert.Equal(16, Conformance.SizeOf("ddog_CharSlice"));
        Assert.Equal(16, Unsafe.SizeOf<ByteSlice>());
        Assert.Equal(16, Conformance.SizeOf("ddog_ByteSlice"));
        Assert.Equal(16, Unsafe.SizeOf<NativeError>());
        Assert.Equal(16, Conformance.SizeOf("ddog_TraceExporterError"));
        Assert.Equal(4, Unsafe.SizeOf<TraceExporterErrorCode>());
        Assert.Equal(4, Conformance.SizeOf("ddog_TraceExporterErrorCode"));
    }

    [Fact]
    public void Slice_and_error_field_offsets_match_the_abi()
    {
        Assert.Equal(0, (int)Marshal.OffsetOf<CharSlice>(nameof(CharSlice.Ptr)));
        Assert.Equal(8, (int)Marshal.OffsetOf<CharSlice>(nameof(CharSlice.Len)));
        Assert.Equal(8, Conformance.OffsetOf("ddog_CharSlice", "len"));
        Assert.Equal(8, (int)Marshal.OffsetOf<ByteSlice>(nameof(ByteSlice.Len)));
        Assert.Equal(8, Conformance.OffsetOf("ddog_ByteSlice", "len"));
        Assert.Equal(0, (int)Marshal.OffsetOf<NativeError>(nameof(NativeError.Code)));
        Assert.Equal(8, (int)Marshal.OffsetOf<NativeError>(nameof(NativeError.Message)));
        Assert.Equal(8, Conformance.OffsetOf("ddog_TraceExporterError", "msg"));
    }

    [Fact]
    public void Every_error_code_has_the_documented_value()
    {
        string[] documented =
        [
            "AddressInUse", "ConnectionAborted", "ConnectionRefused", "ConnectionReset", "HttpBodyFormat", "HttpBodyTooLong",
            "HttpClient", "HttpEmptyBody", "HttpParse", "HttpServer", "HttpUnknown", "HttpWrongStatus", "InvalidArgument",
            "InvalidData", "InvalidInput", "InvalidUrl", "IoError", "NetworkUnknown", "Serde", "Shutdown", "TimedOut",
            "Telemetry", "Internal", "Panic",
        ];

        Assert.Equal(documented.Length, Enum.GetValues<TraceExporterErrorCode>().Length);
        for (int value = 0; value < documented.Length; value++)
        {
            Assert.Equal(documented[value], ((TraceExporterErrorCode)value).ToString());
            Assert.Equal(documented[value], Conformance.ErrorCodeName(value));
        }
    }

    [Fact]
    public void Every_error_code_crosses_the_boundary_unchanged()
    {
        foreach (TraceExporterErrorCode code in Enum.GetValues<TraceExporterErrorCode>())
        {
            Conformance.Reset();
            Conformance.Fail("ddog_trace_exporter_config_set_env", code);

            NativeFailure? failure = Bindings.SetEnv("prod");

            Assert.Equal(code, failure?.Code);
            Assert.Contains("injected failure of ddog_trace_exporter_config_set_env", failure?.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_required_export_list_is_exactly_the_bound_functions_and_the_v39_marker()
    {
        string[] bound = typeof(NativeMethods).GetMethods(BindingFlags.Static | BindingFlags.NonPublic)
            .Where(m => m.GetCustomAttribute<LibraryImportAttribute>() is not null)
            .Select(m => m.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(30, bound.Length);
        Assert.Equal([.. bound.Append(NativeMethods.VersionMarkerExport).Order(StringComparer.Ordinal)], NativeMethods.RequiredExports.Order(StringComparer.Ordinal));
        Assert.Empty(LibDatadogLibrary.MissingExports(NativeLibrary.Load(Conformance.LibraryPath)));
    }

    [Fact]
    public void Bindings_use_the_c_calling_convention_and_blittable_bools()
    {
        foreach (MethodInfo method in typeof(NativeMethods).GetMethods(BindingFlags.Static | BindingFlags.NonPublic)
                     .Where(m => m.GetCustomAttribute<LibraryImportAttribute>() is not null))
        {
            var callConv = method.GetCustomAttribute<UnmanagedCallConvAttribute>();
            Assert.True(callConv?.CallConvs?.SequenceEqual([typeof(CallConvCdecl)]) == true, method.Name + " is not cdecl");
            Assert.DoesNotContain(method.GetParameters(), p => p.ParameterType == typeof(bool) || p.ParameterType == typeof(string));
        }
    }
}
