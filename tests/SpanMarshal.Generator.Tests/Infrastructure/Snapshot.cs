using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace SpanMarshal.Generator.Tests.Infrastructure;

/// <summary>
/// Golden-file snapshots under <c>Snapshots/</c> (LF endings). On a mismatch the actual text is
/// written beside the snapshot as <c>.received</c> and the failure shows a line diff;
/// <c>ACCEPT_SNAPSHOTS=1</c> rewrites the snapshot instead. The generator's version in
/// <c>[GeneratedCode]</c> is written as <c>&lt;version&gt;</c>, so a release does not rewrite every
/// snapshot (<see cref="GeneratorVersionTests"/> checks the real one).
/// </summary>
internal static class Snapshot
{
    public static void Match(string name, string actual, [CallerFilePath] string callerPath = "")
        => Compare(
            Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots"),
            name,
            actual.Replace($"(\"{GeneratorInfo.Name}\", \"{GeneratorInfo.Version}\")", $"(\"{GeneratorInfo.Name}\", \"<version>\")", StringComparison.Ordinal),
            accept: Environment.GetEnvironmentVariable("ACCEPT_SNAPSHOTS") == "1");

    public static void Compare(string directory, string name, string actual, bool accept)
    {
        string verified = Path.Combine(directory, name + ".verified.cs");
        string received = Path.Combine(directory, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        if (accept)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        string? expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        string message = expected is null
            ? $"No snapshot {verified}; wrote {received}. Run with ACCEPT_SNAPSHOTS=1 to accept it."
            : $"Snapshot {name} differs (received: {received}; ACCEPT_SNAPSHOTS=1 accepts it):\n{LineDiff.Format(expected, actual)}";
        throw new XunitException(message);
    }
}
