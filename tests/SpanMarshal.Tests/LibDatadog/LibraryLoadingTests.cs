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

        Assert.Contains("lacks 4 export(s) SpanMarshal needs (", ex.Message, StringComparison.Ordinal);
        Assert.Contains("libdatadog v39 or newer", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Conformance.NoCancelLibraryPath, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("config_new", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_v38_library_is_refused_because_its_release_builds_abort_the_process_on_a_panic()
    {
        var ex = Assert.Throws<LibDatadogLoadException>(() => LibDatadogLibrary.EnsureLoaded(Conformance.V38LibraryPath));

        Assert.Equal(
            $"libdatadog loaded from '{Conformance.V38LibraryPath}' (set by TraceExporterOptions.LibDatadogPath) lacks 1 export(s) SpanMarshal needs (ddog_tracer_span_add_event): " +
            "SpanMarshal needs libdatadog v39 or newer built with the data-pipeline-ffi feature, and refuses v36 to v38 because their release bundles abort the whole process on any internal panic.",
            ex.Message);
    }

    [Fact]
    public void Creating_a_libdatadog_exporter_on_it_throws_and_auto_falls_back_to_managed_saying_why()
    {
        TraceExporterOptions options = Conformance.Options();
        options.LibDatadogPath = Conformance.NoCancelLibraryPath;
        Assert.Throws<LibDatadogLoadException>(() => TraceExporter.Create(options));

        var logger = new ListLogger();
        options = Conformance.Options();
        options.LibDatadogPath = Conformance.NoCancelLibraryPath;
        options.Pipeline = TracePipelineKind.Auto;
        using var exporter = TraceExporter.Create(options, logger);

        // libdatadog was found and asked for, and still cannot be used: a warning, not information.
        Assert.Equal(TracePipelineKind.Managed, exporter.Pipeline);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Id.Id == 1 && e.Message.Contains("ddog_trace_exporter_cancel_token_new", StringComparison.Ordinal));
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
    [InlineData("libdatadog_profiling.so", null, "TraceExporterOptions.LibDatadogPath")]
    [InlineData("./lib/libdatadog_profiling.so", null, "TraceExporterOptions.LibDatadogPath")]
    [InlineData(null, "libdatadog_profiling.so", "DD_LIBDATADOG_PATH")]
    public void A_relative_path_is_refused_rather_than_resolved_against_the_current_directory(string? explicitPath, string? environmentPath, string source)
    {
        var ex = Assert.Throws<LibDatadogLoadException>(() => LibDatadogLibrary.EnsureLoaded(LibraryLocation.Resolve(explicitPath, _ => environmentPath)));

        Assert.Equal($"libdatadog cannot be loaded from '{explicitPath ?? environmentPath}' (set by {source}) because the path is not absolute, and SpanMarshal never loads libdatadog relative to the current directory.", ex.Message);
    }

    [Fact]
    public void A_missing_file_gives_a_load_error_naming_the_path_where_it_was_set_and_the_reason()
    {
        string path = Path.Combine(Path.GetTempPath(), "spanmarshal-missing", "libdatadog_profiling.so");

        var ex = Assert.Throws<LibDatadogLoadException>(() => LibDatadogLibrary.EnsureLoaded(LibraryLocation.Resolve(null, _ => path)));

        Assert.Equal($"libdatadog could not be loaded from '{path}' (set by DD_LIBDATADOG_PATH): the file does not exist.", ex.Message);
        Assert.IsType<DllNotFoundException>(ex.InnerException);
    }

    [Fact]
    public void A_file_that_is_no_library_gives_the_loaders_reason_in_one_sentence()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("spanmarshal-bad").FullName, "libdatadog_profiling.so");
        File.WriteAllText(path, "not a library");
        try
        {
            var ex = Assert.Throws<LibDatadogLoadException>(() => LibDatadogLibrary.EnsureLoaded(path));

            string prefix = $"libdatadog could not be loaded from '{path}' (set by TraceExporterOptions.LibDatadogPath): ";
            Assert.StartsWith(prefix, ex.Message, StringComparison.Ordinal);
            string reason = ex.Message[prefix.Length..];
            Assert.True(reason.Length > 1 && reason.EndsWith('.') && !reason.EndsWith("..", StringComparison.Ordinal), reason);
            Assert.DoesNotContain('\n', ex.Message);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void Under_auto_a_path_that_fails_is_a_warning_naming_it_and_the_reason()
    {
        string path = Path.Combine(Path.GetTempPath(), "spanmarshal-missing", "libdatadog_profiling.so");
        var logger = new ListLogger();

        using var exporter = TraceExporter.Create(new TraceExporterOptions { LibDatadogPath = path }, logger);

        Assert.Equal(TracePipelineKind.Managed, exporter.Pipeline);
        var chosen = Assert.Single(logger.Entries, e => e.Id.Id == 1);
        Assert.Equal((LogLevel.Warning, "SpanMarshal.TraceExporter"), (chosen.Level, chosen.Category));
        Assert.Equal($"SpanMarshal: using the managed pipeline because libdatadog could not be loaded from '{path}' (set by TraceExporterOptions.LibDatadogPath): the file does not exist.", chosen.Message);
    }

    [Fact]
    public void Under_libdatadog_a_path_that_fails_throws()
    {
        string path = Path.Combine(Path.GetTempPath(), "spanmarshal-missing", "libdatadog_profiling.so");

        var ex = Assert.Throws<LibDatadogLoadException>(() => TraceExporter.Create(new TraceExporterOptions { Pipeline = TracePipelineKind.LibDatadog, LibDatadogPath = path }));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_auto_libdatadog_not_installed_is_information_that_says_how_to_point_at_it()
    {
        var logger = new ListLogger();

        using var exporter = TraceExporter.Create(new TraceExporterOptions(), logger);

        Assert.Equal(TracePipelineKind.Managed, exporter.Pipeline);
        var chosen = Assert.Single(logger.Entries, e => e.Id.Id == 1);
        Assert.Equal(LogLevel.Information, chosen.Level);
        Assert.Equal(
            $"SpanMarshal: using the managed pipeline because libdatadog (v39 or newer) could not be loaded as '{LibraryLocation.PlatformLibraryName}' from the application directory or the system's library path; " +
            "to use it, set TraceExporterOptions.LibDatadogPath or DD_LIBDATADOG_PATH to its absolute path.",
            chosen.Message);
    }

    [Fact]
    public void A_LibDatadogPath_with_the_managed_pipeline_is_a_warning_not_silence()
    {
        var logger = new ListLogger();

        using var exporter = TraceExporter.Create(new TraceExporterOptions { Pipeline = TracePipelineKind.Managed, LibDatadogPath = Conformance.LibraryPath }, logger);

        var warning = Assert.Single(logger.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal("SpanMarshal: TraceExporterOptions.LibDatadogPath is set but the pipeline is Managed, so libdatadog is not loaded.", warning.Message);
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

            Assert.Contains("could not be loaded as 'libdatadog_profiling.so' from the application directory or the system's library path", ex.Message, StringComparison.Ordinal);
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
