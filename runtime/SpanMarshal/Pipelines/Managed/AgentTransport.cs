using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using SpanMarshal.Configuration;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// One HTTP POST of a batch slice to the agent's <c>/v0.4/traces</c>, over TCP or a Unix
/// domain socket. Every attempt, sync or async, goes through <see cref="PostAsync"/>: with
/// <c>sync</c> it uses <see cref="HttpClient.Send(HttpRequestMessage, CancellationToken)"/>
/// and completes synchronously, so the blocking path never waits on async work.
/// </summary>
/// <remarks>
/// Timeouts: the handler bounds connecting (<see cref="ExporterSettings.ConnectTimeout"/>); the
/// attempt's <see cref="ProgressWatchdog"/> bounds everything after it, and both paths stop the
/// moment it fires: a blocking read of the answer is aborted by disposing the response, and an
/// unread answer is never drained (the connection is closed instead), so a sync send respects the
/// timeouts exactly as an async one does.
/// </remarks>
internal sealed class AgentTransport : IDisposable
{
    private readonly HttpClient _client;
    private readonly Uri _tracesUrl;
    private readonly ExporterSettings _settings;

    public AgentTransport(ExporterSettings settings)
    {
        _settings = settings;
        Uri agent = settings.AgentUrl;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = settings.ConnectTimeout,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),

            // Draining an answer left unread (only after a timeout) would block a sync send for up to 2 s more.
            ResponseDrainTimeout = TimeSpan.Zero,
        };

        if (agent.Scheme == "unix")
        {
            var endPoint = new UnixDomainSocketEndPoint(Uri.UnescapeDataString(agent.AbsolutePath));
            handler.ConnectCallback = (_, cancellationToken) => ConnectUnixAsync(endPoint, cancellationToken);
            _tracesUrl = new Uri("http://localhost" + AgentHeaders.TracesPath);
        }
        else
        {
            _tracesUrl = new Uri(agent, AgentHeaders.TracesPath);
        }

        // Timeouts are per attempt (the watchdog's token), so the client's own is off.
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// Posts <paramref name="slice"/>; <paramref name="watchdog"/>'s token cancels it and its progress is reported to it.
    /// Once the agent's status arrived it is the result, whatever becomes of the body (see <see cref="AnswerReader"/>).
    /// </summary>
    public async ValueTask<AttemptResult> PostAsync(BatchSlice slice, ProgressWatchdog watchdog, bool sync, CancellationToken callerToken)
    {
        CancellationToken cancellationToken = watchdog.Token;
        using var request = new HttpRequestMessage(HttpMethod.Post, _tracesUrl) { Content = new BatchContent(slice, watchdog) };
        var headers = request.Headers;
        headers.TryAddWithoutValidation(AgentHeaders.TraceCount, slice.ChunkCount.ToString(CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation(AgentHeaders.Lang, _settings.Language);
        headers.TryAddWithoutValidation(AgentHeaders.LangVersion, _settings.LanguageVersion);
        headers.TryAddWithoutValidation(AgentHeaders.LangInterpreter, _settings.LanguageInterpreter);
        headers.TryAddWithoutValidation(AgentHeaders.TracerVersion, _settings.TracerVersion);
        headers.TryAddWithoutValidation(AgentHeaders.SendRealHttpStatus, "1");

        using HttpResponseMessage response = sync
            ? _client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            : await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        watchdog.Progress();

        // A blocking read has no token: disposing the response closes the connection under it.
        using (cancellationToken.UnsafeRegister(static r => ((HttpResponseMessage)r!).Dispose(), response))
        {
            AnswerBody body = await AnswerReader.ReadAsync(response.Content, watchdog, _settings, sync, callerToken).ConfigureAwait(false);
            return new AttemptResult((int)response.StatusCode, body, null, null);
        }
    }

    public void Dispose() => _client.Dispose();

    private static async ValueTask<Stream> ConnectUnixAsync(UnixDomainSocketEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
