using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace SpanMarshal.Pipelines.Managed;

/// <summary>
/// One HTTP POST of a batch slice to the agent's <c>/v0.4/traces</c>, over TCP or a Unix
/// domain socket. Every attempt, sync or async, goes through <see cref="PostAsync"/>: with
/// <c>sync</c> it uses <see cref="HttpClient.Send(HttpRequestMessage, CancellationToken)"/>
/// and completes synchronously, so the blocking path never waits on async work.
/// </summary>
internal sealed class AgentTransport : IDisposable
{
    private readonly HttpClient _client;
    private readonly Uri _tracesUrl;
    private readonly TraceExporterOptions _options;

    public AgentTransport(TraceExporterOptions options)
    {
        _options = options;
        Uri agent = options.ResolveAgentUrl();
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectionTimeout,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
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

        // Timeouts are per attempt (linked tokens), so the client's own is off.
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async ValueTask<AttemptResult> PostAsync(BatchSlice slice, bool sync, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _tracesUrl) { Content = new BatchContent(slice) };
        var headers = request.Headers;
        headers.TryAddWithoutValidation(AgentHeaders.TraceCount, slice.ChunkCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation(AgentHeaders.Lang, _options.Language);
        headers.TryAddWithoutValidation(AgentHeaders.LangVersion, _options.LanguageVersion);
        headers.TryAddWithoutValidation(AgentHeaders.LangInterpreter, _options.LanguageInterpreter);
        headers.TryAddWithoutValidation(AgentHeaders.TracerVersion, _options.TracerVersion);
        headers.TryAddWithoutValidation(AgentHeaders.SendRealHttpStatus, "1");

        if (sync)
        {
            using HttpResponseMessage response = _client.Send(request, cancellationToken);
            using var body = new MemoryStream();
            using (Stream stream = response.Content.ReadAsStream(cancellationToken))
            {
                stream.CopyTo(body);
            }

            return new AttemptResult((int)response.StatusCode, body.ToArray(), null, null);
        }
        else
        {
            using HttpResponseMessage response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
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
