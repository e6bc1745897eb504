using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SpanMarshal.Testing.Http;

namespace SpanMarshal.Testing;

/// <summary>
/// An in-process Datadog agent trace intake on loopback (TCP or a Unix domain socket) for
/// tests: it accepts <c>/v0.4/traces</c> and <c>/v0.5/traces</c>, decodes them with
/// MessagePack-CSharp (independent of the tracer under test), validates them as strictly as
/// Datadog's APM test agent, answers <c>rate_by_service</c>, and records what it received. It
/// answers <c>GET /info</c> as an agent does. Replies can be scripted to exercise a tracer's
/// error handling: any status, a stall, a dropped connection.
/// </summary>
/// <remarks>
/// Thread-safe. Whatever a client sends gets an HTTP answer or a closed connection, within the
/// limits of <see cref="TestAgentOptions"/>; nothing it sends throws out of the agent. Dispose
/// stops listening, aborts stalls and closes every connection.
/// </remarks>
public sealed class TestAgent : IDisposable, IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    private readonly AgentListener _listener;
    private readonly string? _socketPath;
    private readonly TestAgentOptions _options;
    private readonly AgentInfo _info;

    // Decoding a body costs several times its size; the Datadog agent bounds concurrent decoders the same way.
    private readonly SemaphoreSlim _decoders = new(Environment.ProcessorCount);
    private readonly object _gate = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly Queue<AgentReply> _scripted = new();
    private IReadOnlyDictionary<string, double> _rates = new Dictionary<string, double> { ["service:,env:"] = 1.0 };
    private AgentReply _defaultReply = AgentReply.Accept;
    private TaskCompletionSource _requestArrived = NewSignal();
    private int _disposed;

    private TestAgent(Socket socket, Uri url, string? socketPath, TestAgentOptions options)
    {
        Url = url;
        _socketPath = socketPath;
        _options = options;
        _info = new AgentInfo(options, socketPath is null ? url.Port : 0, socketPath is null ? null : url.AbsolutePath);
        _listener = new AgentListener(socket, this, options);
    }

    /// <summary>The agent's address: <c>http://127.0.0.1:PORT</c> or <c>unix:///PATH</c>.</summary>
    public Uri Url { get; }

    /// <summary>The <c>rate_by_service</c> the agent answers; by default the default rate 1.0.</summary>
    public IReadOnlyDictionary<string, double> RateByService
    {
        get => Volatile.Read(ref _rates);
        set => Volatile.Write(ref _rates, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>How trace requests are answered when no scripted reply is queued; <see cref="AgentReply.Accept"/> by default.</summary>
    public AgentReply DefaultReply
    {
        get => Volatile.Read(ref _defaultReply);
        set => Volatile.Write(ref _defaultReply, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>
    /// Every request received so far, in arrival order, but <c>GET /info</c>: those the agent refused
    /// before reading them whole (too large, malformed HTTP, timed out, over the connection limit)
    /// included, with what was read of them and the reason as their validation error.
    /// </summary>
    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The chunks of every request the agent accepted (answered 2xx), in order.</summary>
    public IReadOnlyList<IReadOnlyList<ReceivedSpan>> Traces => [.. Requests.Where(r => r.StatusCode is >= 200 and < 300).SelectMany(r => r.Traces)];

    /// <summary>The spans of <see cref="Traces"/>, flattened.</summary>
    public IReadOnlyList<ReceivedSpan> Spans => [.. Traces.SelectMany(t => t)];

    /// <summary>Every validation error of every request.</summary>
    public IReadOnlyList<string> ValidationErrors => [.. Requests.SelectMany(r => r.ValidationErrors)];

    /// <summary>The header lines the agent adds to every answer (Datadog-Agent-Version and -State), each ending with CRLF.</summary>
    internal string ResponseHeaders => _info.ResponseHeaders;

    /// <summary>Starts an agent on <c>127.0.0.1</c> with a free port.</summary>
    /// <param name="options">What the agent serves and its limits; the Datadog agent's defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public static TestAgent Start(TestAgentOptions? options = null)
    {
        options = Checked(options);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.Listen(64);
            var endPoint = (IPEndPoint)socket.LocalEndPoint!;
            return new TestAgent(socket, new Uri($"http://127.0.0.1:{endPoint.Port}"), null, options);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Starts an agent on a Unix domain socket at <paramref name="socketPath"/> (replaced if it exists, deleted on dispose).</summary>
    /// <param name="socketPath">The socket's path.</param>
    /// <param name="options">What the agent serves and its limits; the Datadog agent's defaults when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public static TestAgent StartUnix(string socketPath, TestAgentOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        options = Checked(options);
        File.Delete(socketPath);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(socketPath));
            socket.Listen(64);
            return new TestAgent(socket, new Uri("unix://" + Path.GetFullPath(socketPath)), socketPath, options);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Queues <paramref name="reply"/> for the next request to a trace endpoint that has none; replies are used once, in order.</summary>
    public void EnqueueReply(AgentReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        lock (_gate)
        {
            _scripted.Enqueue(reply);
        }
    }

    /// <summary>Forgets received requests and queued replies.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
            _scripted.Clear();
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> requests have been received.</summary>
    /// <exception cref="TimeoutException">They did not arrive within <paramref name="timeout"/>.</exception>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                if (_requests.Count >= count)
                {
                    return [.. _requests];
                }

                arrived = _requestArrived.Task;
            }

            try
            {
                await arrived.WaitAsync(timer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the agent received {Requests.Count} of {count} request(s) within {timeout}");
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _listener.DisposeAsync().ConfigureAwait(false);
        if (_socketPath is not null)
        {
            File.Delete(_socketPath);
        }

        _decoders.Dispose();
    }

    /// <summary>Answers a whole request and records it; null when a scripted reply drops the connection.</summary>
    internal async Task<HttpAnswer?> AnswerAsync(HttpRequest request, CancellationToken stopping)
    {
        if (request.Path == AgentInfo.InfoPath)
        {
            // Not recorded and no scripted reply taken: clients probe /info whenever they like.
            return request.Method == "GET" ? _info.Answer : Refuse(request, 405, $"method {request.Method} is not GET");
        }

        if (request.Path is not (AgentInfo.V04TracesPath or AgentInfo.V05TracesPath))
        {
            return Refuse(request, 404, $"unknown endpoint {request.Path}");
        }

        AgentReply reply;
        lock (_gate)
        {
            reply = _scripted.Count != 0 ? _scripted.Dequeue() : DefaultReply;
        }

        int status;
        List<IReadOnlyList<ReceivedSpan>> traces = [];
        List<string> errors = [];
        HttpAnswer answer;
        if (request.Path == AgentInfo.V05TracesPath && !_options.ServeV05Traces)
        {
            status = _options.V05RefusalStatus;
            answer = HttpAnswer.Text(status, "");
        }
        else
        {
            await _decoders.WaitAsync(stopping).ConfigureAwait(false);
            try
            {
                status = RequestValidator.Validate(request, out traces, out errors);
            }
            finally
            {
                _decoders.Release();
            }

            answer = errors.Count != 0 ? HttpAnswer.Text(status, string.Join("\n", errors)) : HttpAnswer.Json(status, RatesJson());
        }

        if (reply != AgentReply.Accept && reply.StallFor == TimeSpan.Zero)
        {
            status = reply.StatusCode ?? 0;
            answer = reply.Body is not null ? new HttpAnswer(status, status is >= 200 and < 300 ? "application/json" : "text/plain", Encoding.UTF8.GetBytes(reply.Body))
                : status is >= 200 and < 300 ? HttpAnswer.Json(status, RatesJson())
                : HttpAnswer.Text(status, "");
        }

        Record(new ReceivedRequest(request.Method, request.Path, request.Headers, request.Body, traces, errors, reply.StatusCode is null ? null : status));
        if (reply.StallFor > TimeSpan.Zero)
        {
            await Task.Delay(reply.StallFor, stopping).ConfigureAwait(false);
        }

        return reply.StatusCode is null ? null : answer;
    }

    /// <summary>Records a request the agent answered <paramref name="status"/> before reading it whole (or at all: <paramref name="head"/> null).</summary>
    internal void RecordRefusal(HttpRequestHead? head, int status, string reason)
        => Record(new ReceivedRequest(head?.Method ?? "", head?.Path ?? "", head?.Headers ?? NoHeaders, ReadOnlyMemory<byte>.Empty, [], [reason], status));

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TestAgentOptions Checked(TestAgentOptions? options)
    {
        options ??= new TestAgentOptions();
        options.Validate();
        return options;
    }

    private HttpAnswer Refuse(HttpRequest request, int status, string reason)
    {
        Record(new ReceivedRequest(request.Method, request.Path, request.Headers, request.Body, [], [reason], status));
        return HttpAnswer.Text(status, reason);
    }

    private void Record(ReceivedRequest request)
    {
        TaskCompletionSource arrived;
        lock (_gate)
        {
            _requests.Add(request);
            arrived = _requestArrived;
            _requestArrived = NewSignal();
        }

        arrived.SetResult();
    }

    private byte[] RatesJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("rate_by_service");
            foreach (KeyValuePair<string, double> rate in RateByService)
            {
                json.WriteNumber(rate.Key, rate.Value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
