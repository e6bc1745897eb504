using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace SpanMarshal.Tests.LibDatadog;

/// <summary>The test double is only worth its checks: it must abort on every misuse it claims to catch.</summary>
public class ConformanceLibraryTests
{
    [Fact]
    public void The_conformance_library_aborts_on_every_misuse_and_accepts_a_correct_flow()
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "conformance_selftest"))
        {
            RedirectStandardOutput = true,
        };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("ok   exporter freed under a send", output, StringComparison.Ordinal);
        Assert.Contains("0 failure(s)", output, StringComparison.Ordinal);
    }
}
