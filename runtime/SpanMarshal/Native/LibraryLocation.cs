using System;

namespace SpanMarshal.Native;

/// <summary>
/// Where libdatadog is looked for: a path the user set (<see cref="IsPath"/>, named by
/// <see cref="Source"/>), or the platform's library name on the default search path.
/// </summary>
internal readonly record struct LibraryLocation(string PathOrName, bool IsPath, string Source)
{
    internal const string EnvironmentVariable = "DD_LIBDATADOG_PATH";
    internal const string OptionName = "TraceExporterOptions.LibDatadogPath";

    /// <summary>The platform's name of libdatadog's bundled shared library.</summary>
    internal static string PlatformLibraryName =>
        OperatingSystem.IsWindows() ? "datadog_profiling_ffi.dll"
        : OperatingSystem.IsMacOS() ? "libdatadog_profiling.dylib"
        : "libdatadog_profiling.so";

    /// <summary>
    /// The explicit path, else <c>DD_LIBDATADOG_PATH</c>, else the platform library name. A path is
    /// taken as given: whether it is absolute and loads is checked when libdatadog is loaded, so
    /// the managed pipeline never fails over a variable it does not use.
    /// </summary>
    internal static LibraryLocation Resolve(string? explicitPath, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return new LibraryLocation(explicitPath, IsPath: true, OptionName);
        }

        string? fromEnvironment = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new LibraryLocation(fromEnvironment, IsPath: true, EnvironmentVariable);
        }

        return new LibraryLocation(PlatformLibraryName, IsPath: false, "the default library search path");
    }

    public override string ToString() => IsPath ? $"'{PathOrName}' (set by {Source})" : $"'{PathOrName}' on {Source}";
}
