using System;
using System.Linq;
using SpanMarshal.Native;
using Xunit;

namespace SpanMarshal.Tests.Support;

/// <summary>The conformance library is process-global state, so tests that record through it never run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeSerial
{
    public const string Name = "libdatadog conformance";
}

/// <summary>
/// Base of every test that goes through the conformance library: starts from an empty
/// recording, and fails the test if any native object is still alive when it ends.
/// </summary>
[Collection(NativeSerial.Name)]
public abstract class NativeTest : IDisposable
{
    protected NativeTest()
    {
        LibDatadogLibrary.EnsureLoaded(Conformance.LibraryPath);
        Conformance.Reset();
    }

    public void Dispose()
    {
        Recording recording = Conformance.Read();
        Conformance.Reset();
        string leaks = string.Join(", ", recording.Live.Where(kv => kv.Value != 0).Select(kv => $"{kv.Key}={kv.Value}"));
        Assert.True(leaks.Length == 0, $"native objects still alive after the test: {leaks}");
        Assert.Equal(0, recording.SendsInProgress);
        GC.SuppressFinalize(this);
    }
}
