using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace SpanMarshal.Benchmarks.EndToEnd;

/// <summary>An <see cref="Intake"/> started in a child process: this benchmark's own executable with <c>--intake</c>.</summary>
internal sealed class IntakeProcess : IDisposable
{
    private readonly Process _process;

    public IntakeProcess()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Run as `dotnet SpanMarshal.Benchmarks.dll` or as the apphost: either way, this assembly.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(IntakeProcess).Assembly.Location);
        }

        start.ArgumentList.Add("--intake");
        _process = Process.Start(start)!;
        int port = int.Parse(_process.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);
        Url = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Url { get; }

    public void Dispose()
    {
        // Closing its standard input ends it.
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
