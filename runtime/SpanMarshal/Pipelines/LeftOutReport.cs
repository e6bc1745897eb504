using System;
using Microsoft.Extensions.Logging;
using SpanMarshal.Marshalling.Sinks;

namespace SpanMarshal.Pipelines;

/// <summary>Reports what marshalling left out as soon as it is done, so a send cancelled later still warns.</summary>
internal static class LeftOutReport
{
    /// <summary>Logs what <paramref name="tally"/> left out; a throwing logger must not keep <paramref name="batch"/>'s buffers or native chunks.</summary>
    public static void Log(ILogger logger, BatchTally tally, IDisposable batch)
    {
        if (!tally.LeftSomethingOut)
        {
            return;
        }

        try
        {
            Diagnostics.Log.LeftOut(logger, tally);
        }
        catch
        {
            batch.Dispose();
            throw;
        }
    }
}
