using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Extensions.Logging;
using SpanMarshal.Native;
using SpanMarshal.Tests.Support;
using Xunit;

namespace SpanMarshal.Tests.LibDatadog;

/// <summary>Where libdatadog is looked for, and the one clear error when what is found will not do.</summary>
public class LibraryLoadingTests : NativeTest
{
    private static readonly string[] CancelExports =
    [
        "ddog_trace_exporter_cancel_token_new",
        "ddog_trace_exporter_cancel_token_cancel",
        "ddog_trace_exporter_cancel_token_drop",
    ];

    [Fact]
    public void A_library_missing_exports_fails_with_one_error_naming_every_missing_symbol_and_the_minimum_version()
    {
        var ex = Assert.Throws<LibDatadogLoadException>(() => LibDatadogLibrary.EnsureLoaded(Conformance.NoCancelLibraryPath));

        foreach (string symbol in CancelExports)
        {
            Assert.Contains(symbol, ex.Message, StringComparison.Ordinal);
        }

        Assert.Contains("lacks 4 export(s)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("libdatadog v39 or newer", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Conformance.NoCancelLibraryPath, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("config_new", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_v38_library_is_refused_because_its_release_builds_abort_the_process_on_a_panic()
    {
        var ex = Assert.Throws<LibDatadogLoadException>(() => LibDatadogLibrary.EnsureLoaded(Conformance.V38LibraryPath));

        Assert.Contains("lacks 1 export(s) SpanMarshal needs: ddog_tracer_span_add_event.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("libdatadog v39 or newer", ex.Message, StringComparison.Ordinal);
        Assert.Contains("abort the whole process on any internal panic", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Creating_a_libdatadog_exporter_on_it_throws_and_auto_falls_back_to_managed_saying_why()
    {
        TraceExporterOptions options = Conformance.Options();
        options.LibDatadogPath = Conformance.NoCancelLibraryPath;
        Assert.Throws<LibDatadogLoadException>(() => TraceExporter.Create(options));

        var logger = new ListLogger();
        options = Conformance.Options(logger);
        options.LibDatadogPath = Conformance.NoCancelLibraryPath;
        options.Pipeline = TracePipelineKind.Auto;
        using var exporter = TraceExporter.Create(options);

        Assert.Equal(TracePipelineKind.Managed, exporter.Pipeline);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains("ddog_trace_exporter_cancel_token_new", StringComparison.Ordinal));
    }

    [Fact]
    public void The_explicit_path_wins_over_the_environment_which_wins_over_the_default_name()
    {
        var environment = new Dictionary<string, string?> { ["DD_LIBDATADOG_PATH"] = "/from/env/libdatadog_profiling.so" };

        LibraryLocation explicitPath = LibraryLocation.Resolve("/explicit/libdatadog_profiling.so", k => environment.GetValueOrDefault(k));
        LibraryLocation fromEnvironment = LibraryLocation.Resolve(null, k => environment.GetValueOrDefault(k));
        LibraryLocation blankExplicit = LibraryLocation.Resolve("  ", k => environment.GetValueOrDefault(k));
        LibraryLocation byName = LibraryLocation.Resolve(null, _ => null);
        LibraryLocation blankEnvironment = LibraryLocation.Resolve(null, _ => "");

        Assert.Equal(("/explicit/libdatadog_profiling.so", true), (explicitPath.PathOrName, explicitPath.IsPath));
        Assert.Equal(("/from/env/libdatadog_profiling.so", true), (fromEnvironment.PathOrName, fromEnvironment.IsPath));
        Assert.Equal(fromEnvironment, blankExplicit);
        Assert.Equal(("libdatadog_profiling.so", false), (byName.PathOrName, byName.IsPath));
        Assert.Equal(byName, blankEnvironment);
    }

    [Theory]
    [InlineData("libdatadog_profiling.so", null)]
    [InlineData("./lib/libdatadog_profiling.so", null)]
    [InlineData(null, "libdatadog_profiling.so")]
    public void A_relative_path_is_refused_rather_than_resolved_against_the_current_directory(string? explicitPath, string? environmentPath)
    {
        var ex = Assert.Throws<LibDatadogLoadException>(() => LibraryLocation.Resolve(explicitPath, _ => environmentPath));

        Assert.Contains("not absolute", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_gives_a_load_error_that_says_where_it_looked_and_how_to_fix_it()
    {
        string path = Path.Combine(Path.GetTempPath(), "spanmarshal-missing", "libdatadog_profiling.so");

        var ex = Assert.Throws<LibDatadogLoadException>(() => LibDatadogLibrary.EnsureLoaded(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("DD_LIBDATADOG_PATH", ex.Message, StringComparison.Ordinal);
        Assert.IsType<DllNotFoundException>(ex.InnerException);
    }

    [Fact]
    public void The_default_name_is_never_loaded_from_the_current_directory()
    {
        string directory = Directory.CreateTempSubdirectory("spanmarshal-cwd").FullName;
        string previous = Environment.CurrentDirectory;
        try
        {
            File.Copy(Conformance.LibraryPath, Path.Combine(directory, LibraryLocation.PlatformLibraryName));
            Environment.CurrentDirectory = directory;

            var ex = Assert.Throws<LibDatadogLoadException>(() => LibDatadogLibrary.EnsureLoaded(LibraryLocation.Resolve(null, _ => null)));

            Assert.Contains("default library search path", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_second_different_library_is_refused_once_one_is_bound()
    {
        string copy = Path.Combine(Directory.CreateTempSubdirectory("spanmarshal-copy").FullName, "libdatadog_profiling.so");
        File.Copy(Conformance.LibraryPath, copy);
        try
        {
            var ex = Assert.Throws<LibDatadogLoadException>(() => LibDatadogLibrary.EnsureLoaded(copy));

            Assert.Contains("already loaded", ex.Message, StringComparison.Ordinal);
            Assert.Contains(Conformance.LibraryPath, ex.Message, StringComparison.Ordinal);

            // Loading the bound library again is fine.
            LibDatadogLibrary.EnsureLoaded(Conformance.LibraryPath);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        }
    }
}
