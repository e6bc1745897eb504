using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SpanMarshal.Benchmarks.OpenTelemetry;

/// <summary>
/// The in-process end of the OTLP exporter's HTTP client: it copies each request body into one
/// reused buffer and answers 200, so the exporter does all its own work (serialising, building the
/// request) and nothing goes over a network.
/// </summary>
internal sealed class CapturingHandler : HttpMessageHandler
{
    private readonly MemoryStream _body = new();

    /// <summary>The size of the last request body.</summary>
    public long LastBodyLength { get; private set; }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _body.SetLength(0);
        request.Content?.CopyTo(_body, null, cancellationToken);
        LastBodyLength = _body.Length;
        return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => Task.FromResult(Send(request, cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
        }

        base.Dispose(disposing);
    }
}
