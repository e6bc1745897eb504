using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SpanMarshal.Benchmarks;

/// <summary>
/// An agent intake on loopback that reads each trace payload whole and answers as the agent does,
/// without decoding it: Kestrel, so the far end costs what a fast HTTP server costs and nothing
/// more. Counts the bytes it read, so a benchmark can check that everything arrived.
/// </summary>
internal sealed class LoopbackIntake : IAsyncDisposable
{
    private static readonly byte[] Rates = """{"rate_by_service":{"service:,env:":1}}"""u8.ToArray();

    private readonly WebApplication _app;
    private long _bytes;

    private LoopbackIntake(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public long BytesReceived => Interlocked.Read(ref _bytes);

    public static async Task<LoopbackIntake> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var intake = new LoopbackIntake(builder.Build());
        intake._app.MapPost("/v0.4/traces", intake.ReceiveAsync);
        await intake._app.StartAsync().ConfigureAwait(false);
        string address = intake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        intake.Url = new Uri(address);
        return intake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private async Task ReceiveAsync(HttpContext context)
    {
        var counting = new CountingStream();
        await context.Request.Body.CopyToAsync(counting).ConfigureAwait(false);
        Interlocked.Add(ref _bytes, counting.Length);
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Rates).ConfigureAwait(false);
    }

    /// <summary>Discards what is written, counting it.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
