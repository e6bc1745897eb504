using System;
using System.Threading;
using System.Threading.Tasks;

namespace SpanMarshal.Pipelines;

/// <summary>
/// One way of getting traces to the agent: marshalled into a <see cref="TraceBatch"/>, then sent.
/// The exporter guarantees that <see cref="IDisposable.Dispose"/> is called only after every send has returned.
/// </summary>
internal interface ITracePipeline : IDisposable
{
    /// <summary>The pipeline that runs (never <see cref="TracePipelineKind.Auto"/>).</summary>
    TracePipelineKind Kind { get; }

    /// <summary>An empty batch to marshal into.</summary>
    TraceBatch CreateBatch();

    /// <summary>
    /// Sends what <paramref name="batch"/> holds, as one request or several, adding how each ended to
    /// <paramref name="account"/>; once the account has stopped, the rest is counted as not attempted.
    /// Unless <paramref name="final"/>, the pipeline may keep back the last, partly filled request for
    /// the next fill to complete. With <paramref name="sync"/> it completes synchronously (the blocking
    /// path never waits on async work).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask SendAsync(TraceBatch batch, SendAccount account, bool final, bool sync, CancellationToken cancellationToken);
}
