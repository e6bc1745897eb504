using System;
using System.IO;

namespace SpanMarshal.Native;

/// <summary>Where libdatadog is looked for: an absolute path, or the platform's library name on the default search path.</summary>
internal readonly record struct LibraryLocation(string PathOrName, bool IsPath, string Source)
{
    internal const string EnvironmentVariable = "DD_LIBDATADOG_PATH";

    /// <summary>The platform's name of libdatadog's bundled shared library.</summary>
    internal static string PlatformLibraryName =>
        OperatingSystem.IsWindows() ? "datadog_profiling_ffi.dll"
        : OperatingSystem.IsMacOS() ? "libdatadog_profiling.dylib"
        : "libdatadog_profiling.so";

    /// <summary>The explicit path, else <c>DD_LIBDATADOG_PATH</c>, else the platform library name.</summary>
    /// <exception cref="LibDatadogLoadException">A path is given but is not absolute.</exception>
    internal static LibraryLocation Resolve(string? explicitPath, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return FromPath(explicitPath, "TraceExporterOptions.LibDatadogPath");
        }

        string? fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return FromPath(fromEnvironment, EnvironmentVariable);
        }

        return new LibraryLocation(PlatformLibraryName, IsPath: false, "the default library search path");
    }

    public override string ToString() => IsPath ? $"'{PathOrName}' (from {Source})" : $"'{PathOrName}' on {Source}";

    // A relative path would be resolved against the current directory, which an attacker may control.
    private static LibraryLocation FromPath(string path, string source) => Path.IsPathFullyQualified(path)
        ? new LibraryLocation(path, IsPath: true, source)
        : throw new LibDatadogLoadException($"The libdatadog path '{path}' from {source} is not absolute; SpanMarshal never loads libdatadog relative to the current directory.");
}
