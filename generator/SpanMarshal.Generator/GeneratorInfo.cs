using System.Reflection;

namespace SpanMarshal.Generator;

/// <summary>The generator's name and version, as <c>[GeneratedCode]</c> names them.</summary>
internal static class GeneratorInfo
{
    public const string Name = "SpanMarshal.Generator";

    /// <summary>
    /// The version of the build (the package version), read from the assembly so it never goes
    /// stale; build metadata such as a commit id is left out, so rebuilding the same version
    /// generates the same code.
    /// </summary>
    public static readonly string Version = ReadVersion();

    private static string ReadVersion()
    {
        Assembly assembly = typeof(GeneratorInfo).Assembly;
        string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
        int metadata = version.IndexOf('+');
        return metadata >= 0 ? version.Substring(0, metadata) : version;
    }
}
