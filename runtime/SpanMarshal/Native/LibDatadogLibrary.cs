using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;

namespace SpanMarshal.Native;

/// <summary>
/// Loads libdatadog once per process, checks that it has every export SpanMarshal binds,
/// and points the <see cref="NativeMethods"/> bindings at it through a DllImport resolver.
/// </summary>
/// <remarks>
/// P/Invoke targets are bound once per process, so a process binds exactly one libdatadog:
/// asking for a different one later is an error rather than a silent mix of two libraries.
/// </remarks>
internal static class LibDatadogLibrary
{
    internal const int MinimumVersion = 39;

    // Assembly directory (where a NuGet package's native asset lands) plus the OS's safe
    // directories: on Windows SafeDirectories excludes the current directory, and elsewhere
    // a bare library name is never looked up in it.
    private const DllImportSearchPath SearchPath = DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories;

    private static readonly object Gate = new();
    private static nint s_handle;
    private static LibraryLocation s_location;

    /// <summary>The library the bindings use, or null before the first successful load.</summary>
    internal static string? LoadedFrom
    {
        get
        {
            lock (Gate)
            {
                return s_handle == 0 ? null : s_location.ToString();
            }
        }
    }

    /// <summary>Loads and checks libdatadog from <paramref name="explicitPath"/>, <c>DD_LIBDATADOG_PATH</c> or the default search path.</summary>
    /// <exception cref="LibDatadogLoadException">It cannot be loaded, lacks an export, or another libdatadog is already bound.</exception>
    public static void EnsureLoaded(string? explicitPath) => EnsureLoaded(LibraryLocation.Resolve(explicitPath, Environment.GetEnvironmentVariable));

    internal static void EnsureLoaded(LibraryLocation location)
    {
        lock (Gate)
        {
            nint handle = Open(location);
            try
            {
                List<string> missing = MissingExports(handle);
                if (missing.Count != 0)
                {
                    throw new LibDatadogLoadException(
                        $"The libdatadog at {location} lacks {missing.Count} export(s) SpanMarshal needs: {string.Join(", ", missing)}. " +
                        $"SpanMarshal needs libdatadog v{MinimumVersion} or newer, built with the data-pipeline-ffi feature " +
                        "(the release bundles of v36 to v38 abort the whole process on any internal panic).");
                }

                if (s_handle == 0)
                {
                    // Only the first successful load gets here: s_handle is never reset.
                    s_location = location;
                    Volatile.Write(ref s_handle, handle);
                    handle = 0;
                    NativeLibrary.SetDllImportResolver(typeof(LibDatadogLibrary).Assembly, Resolve);
                }
                else if (s_handle != handle)
                {
                    throw new LibDatadogLoadException(
                        $"libdatadog is already loaded from {s_location}; a process can bind only one, and {location} is a different library.");
                }
            }
            finally
            {
                // Drops this call's reference; the bound library keeps the first one.
                if (handle != 0)
                {
                    NativeLibrary.Free(handle);
                }
            }
        }
    }

    /// <summary>The required exports <paramref name="library"/> does not have, in binding order.</summary>
    internal static List<string> MissingExports(nint library)
    {
        var missing = new List<string>();
        foreach (string name in NativeMethods.RequiredExports)
        {
            if (!NativeLibrary.TryGetExport(library, name, out _))
            {
                missing.Add(name);
            }
        }

        return missing;
    }

    private static nint Open(LibraryLocation location)
    {
        try
        {
            return location.IsPath
                ? NativeLibrary.Load(location.PathOrName)
                : NativeLibrary.Load(location.PathOrName, typeof(LibDatadogLibrary).Assembly, SearchPath);
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            throw new LibDatadogLoadException(
                $"libdatadog (v{MinimumVersion} or newer) could not be loaded from {location}: {ex.Message} " +
                $"Set TraceExporterOptions.LibDatadogPath or {LibraryLocation.EnvironmentVariable} to its absolute path.",
                ex);
        }
    }

    private static nint Resolve(string libraryName, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath)
        => libraryName == NativeMethods.LibraryName ? Volatile.Read(ref s_handle) : 0;
}
