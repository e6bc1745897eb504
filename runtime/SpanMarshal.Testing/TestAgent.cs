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
/// Datadog's APM test agent, answers <c>rate_by_service</c>, and records what it received.
/// Replies can be scripted to exercise a tracer's error handling: any status, a stall, a dropped connection.
/// </summary>
/// <remarks>Thread-safe. Dispose stops listening, aborts stalls and closes every connection.</remarks>
public sealed class TestAgent : IDisposable, IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string? _socketPath;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private readonly object _gate = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly Queue<AgentReply> _scripted = new();
    private readonly List<Task> _connections = [];
    private IReadOnlyDictionary<string, double> _rates = new Dictionary<string, double> { ["service:,env:"] = 1.0 };
    private AgentReply _defaultReply = AgentReply.Accept;
    private TaskCompletionSource _requestArrived = NewSignal();

    private TestAgent(Socket listener, Uri url, string? socketPath)
    {
        _listener = listener;
        Url = url;
        _socketPath = socketPath;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The agent's address: <c>http://127.0.0.1:PORT</c> or <c>unix:///PATH</c>.</summary>
    public Uri Url { get; }

    /// <summary>The <c>rate_by_service</c> the agent answers; by default the default rate 1.0.</summary>
    public IReadOnlyDictionary<string, double> RateByService
    {
        get => Volatile.Read(ref _rates);
        set => Volatile.Write(ref _rates, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>How requests are answered when no scripted reply is queued; <see cref="AgentReply.Accept"/> by default.</summary>
    public AgentReply DefaultReply
    {
        get => Volatile.Read(ref _defaultReply);
        set => Volatile.Write(ref _defaultReply, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Every request received so far, in arrival order.</summary>
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

    /// <summary>Starts an agent on <c>127.0.0.1</c> with a free port.</summary>
    public static TestAgent Start()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(64);
            var endPoint = (IPEndPoint)listener.LocalEndPoint!;
            return new TestAgent(listener, new Uri($"http://127.0.0.1:{endPoint.Port}"), null);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>Starts an agent on a Unix domain socket at <paramref name="socketPath"/> (replaced if it exists, deleted on dispose).</summary>
    public static TestAgent StartUnix(string socketPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        File.Delete(socketPath);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(socketPath));
            listener.Listen(64);
            return new TestAgent(listener, new Uri("unix://" + Path.GetFullPath(socketPath)), socketPath);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>Queues <paramref name="reply"/> for the next request that has none; replies are used once, in order.</summary>
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
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _stopping.Cancel();
        _listener.Dispose();
        Task[] connections;
        lock (_gate)
        {
            connections = [.. _connections];
        }

        try
        {
            await Task.WhenAll([_acceptLoop, .. connections]).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
        }

        if (_socketPath is not null)
        {
            File.Delete(_socketPath);
        }

        _stopping.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_gate)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(Task.Run(() => ServeAsync(client)));
            }
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var stream = new NetworkStream(client, ownsSocket: true);
        var reader = new HttpRequestReader(stream);
        CancellationToken stopping = _stopping.Token;
        try
        {
            while (await reader.ReadAsync(() => HttpResponseWriter.WriteContinueAsync(stream, stopping), stopping).ConfigureAwait(false) is HttpRequest request)
            {
                if (!await AnswerAsync(stream, request, stopping).ConfigureAwait(false) || !request.KeepAlive)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or InvalidDataException or ObjectDisposedException)
        {
            // The client went away, sent something that is not HTTP, or the agent is stopping.
        }
    }

    // False when the connection must close.
    private async Task<bool> AnswerAsync(Stream stream, HttpRequest request, CancellationToken stopping)
    {
        AgentReply reply;
        lock (_gate)
        {
            reply = _scripted.Count != 0 ? _scripted.Dequeue() : DefaultReply;
        }

        int status = RequestValidator.Validate(request, out var traces, out var errors);
        string body = errors.Count != 0 ? string.Join("\n", errors) : RatesJson();
        if (reply != AgentReply.Accept && reply.StallFor == TimeSpan.Zero)
        {
            status = reply.StatusCode ?? 0;
            body = reply.Body ?? (status is >= 200 and < 300 ? RatesJson() : "");
        }

        Record(new ReceivedRequest(request.Method, request.Path, request.Headers, request.Body, traces, errors, reply.StatusCode is null ? null : status));
        if (reply.StallFor > TimeSpan.Zero)
        {
            await Task.Delay(reply.StallFor, stopping).ConfigureAwait(false);
        }

        if (reply.StatusCode is null)
        {
            return false;
        }

        string contentType = status is >= 200 and < 300 ? "application/json" : "text/plain";
        await HttpResponseWriter.WriteAsync(stream, status, contentType, body, request.KeepAlive, stopping).ConfigureAwait(false);
        return true;
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

    private string RatesJson()
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

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
