using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SpanMarshal.Configuration;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// One HTTP POST of a batch slice to the agent's <c>/v0.4/traces</c> or <c>/v0.5/traces</c>, and the
/// <c>/info</c> question of which the agent serves, over TCP or a Unix
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
    // Whether the request that makes a connection is a sync send (see Connect).
    private static readonly HttpRequestOptionsKey<bool> SyncRequest = new("SpanMarshal.Sync");

    private readonly HttpClient _client;
    private readonly Uri _v04Url;
    private readonly Uri _v05Url;
    private readonly Uri _infoUrl;
    private readonly ExporterSettings _settings;
    private readonly int _pieceBytes;

    public AgentTransport(ExporterSettings settings)
    {
        _settings = settings;
        _pieceBytes = BatchContent.PieceBytes(settings.ResponseTimeout);
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
            handler.ConnectCallback = (context, cancellationToken) => Connect(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified), endPoint, context, cancellationToken);
            agent = new Uri("http://localhost");
        }
        else
        {
            handler.ConnectCallback = (context, cancellationToken) => Connect(new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }, context.DnsEndPoint, context, cancellationToken);
        }

        _v04Url = new Uri(agent, AgentHeaders.TracesPath);
        _v05Url = new Uri(agent, AgentHeaders.V05TracesPath);
        _infoUrl = new Uri(agent, AgentHeaders.InfoPath);

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
        Uri url = slice.Version == TraceApiVersion.V05 ? _v05Url : _v04Url;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new BatchContent(slice, watchdog, _pieceBytes) };
        request.Options.Set(SyncRequest, sync);
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

    /// <summary>Whether the agent's <c>/info</c> lists <c>/v0.5/traces</c>; throws when the agent cannot be asked or its answer is not an /info document.</summary>
    public async Task<bool> ListsV05Async(CancellationToken cancellationToken)
    {
        // Its own connection, closed after: an async read would leave a pooled connection in non-blocking mode (see Connect).
        using var request = new HttpRequestMessage(HttpMethod.Get, _infoUrl) { Headers = { ConnectionClose = true } };
        using HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > AnswerBody.MaxBytes)
        {
            throw new InvalidDataException($"the agent's /info answer is {response.Content.Headers.ContentLength} bytes");
        }

        using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        byte[] buffer = new byte[AnswerBody.MaxBytes + 1];
        int length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        if (length > AnswerBody.MaxBytes)
        {
            throw new InvalidDataException($"the agent's /info answer is over {AnswerBody.MaxBytes} bytes");
        }

        using JsonDocument info = JsonDocument.Parse(buffer.AsMemory(0, length));
        if (info.RootElement.ValueKind != JsonValueKind.Object || !info.RootElement.TryGetProperty("endpoints", out JsonElement endpoints) || endpoints.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (JsonElement endpoint in endpoints.EnumerateArray())
        {
            if (endpoint.ValueKind == JsonValueKind.String && endpoint.ValueEquals(AgentHeaders.V05TracesPath))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// Connects <paramref name="socket"/> for a sync send with a blocking connect, so that it stays a blocking
    /// socket until an async operation runs on it. A sync send then blocks in the kernel; on a socket in
    /// non-blocking mode (which any async operation, an async connect included, leaves it in for good) each
    /// wait for the agent is emulated by the socket engine's thread, a thread-pool hop and an event, about as
    /// much CPU as the encode. Cancelling (the handler's ConnectTimeout, the caller) disposes the socket,
    /// which aborts the connect, as the handler's own sync connect does. An async send (the writer's) connects
    /// asynchronously: it must not hold a thread-pool thread for up to ConnectTimeout.
    /// </summary>
    private static ValueTask<Stream> Connect(Socket socket, EndPoint endPoint, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        if (!context.InitialRequestMessage.Options.TryGetValue(SyncRequest, out bool sync) || !sync)
        {
            return ConnectAsync(socket, endPoint, cancellationToken);
        }

        try
        {
            using (cancellationToken.UnsafeRegister(static s => ((Socket)s!).Dispose(), socket))
            {
                socket.Connect(endPoint);
            }

            return new ValueTask<Stream>(new NetworkStream(socket, ownsSocket: true));
        }
        catch (Exception ex)
        {
            socket.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromException<Stream>(ex);
        }
    }

    private static async ValueTask<Stream> ConnectAsync(Socket socket, EndPoint endPoint, CancellationToken cancellationToken)
    {
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
