using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SpanMarshal.Benchmarks;

/// <summary>
/// The other baseline: a competent plain hand-written v0.4 encoder straight into a byte array,
/// the way a tracer writes one without a library - keys encoded once at startup and copied,
/// each value transcoded in one pass behind a header sized for its worst case (strings up to
/// 85 chars; longer ones are counted first), no caching.
/// </summary>
public sealed class PlainEncoder
{
    private static readonly byte[] Service = Key("service"), Name = Key("name"), Resource = Key("resource"), Type = Key("type");
    private static readonly byte[] TraceId = Key("trace_id"), SpanId = Key("span_id"), ParentId = Key("parent_id");
    private static readonly byte[] Start = Key("start"), Duration = Key("duration"), Error = Key("error"), Meta = Key("meta"), Metrics = Key("metrics");
    private static readonly byte[] Tid = Key("_dd.p.tid"), Env = Key("env"), Version = Key("version"), Component = Key("component");
    private static readonly byte[] SpanKind = Key("span.kind"), HttpMethod = Key("http.method"), HttpRoute = Key("http.route"), HttpUrl = Key("http.url");
    private static readonly byte[] StatusCode = Key("http.status_code"), SamplingPriority = Key("_sampling_priority_v1");
    private static readonly byte[] TopLevel = Key("_dd.top_level"), Measured = Key("_dd.measured");

    private byte[] _buffer = new byte[1024 * 1024];
    private int _position;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _position);

    public int Write(IReadOnlyList<IReadOnlyList<WebSpan>> traces)
    {
        _position = 0;
        ArrayHeader(traces.Count);
        for (int t = 0; t < traces.Count; t++)
        {
            IReadOnlyList<WebSpan> chunk = traces[t];
            ArrayHeader(chunk.Count);
            for (int s = 0; s < chunk.Count; s++)
            {
                Span(chunk[s], s == 0);
            }
        }

        return _position;
    }

    private void Span(WebSpan span, bool first)
    {
        bool tid = first && span.TraceIdHigh != 0;
        Ensure(1);
        _buffer[_position++] = 0x80 | 12;
        Raw(Service); Str(span.Service);
        Raw(Name); Str(span.Name);
        Raw(Resource); Str(span.Resource);
        Raw(Type); Str(span.Type);
        Raw(TraceId); UInt(span.TraceIdLow);
        Raw(SpanId); UInt(span.SpanId);
        Raw(ParentId); UInt(span.ParentId);
        Raw(Start); UInt((ulong)span.Start);
        Raw(Duration); UInt((ulong)span.Duration);
        Raw(Error); UInt(span.Error ? 1UL : 0UL);
        Raw(Meta);
        Ensure(1);
        _buffer[_position++] = (byte)(0x80 | (tid ? 9 : 8));
        if (tid)
        {
            Raw(Tid); Str(span.TraceIdHigh.ToString("x16", CultureInfo.InvariantCulture));
        }

        Raw(Env); Str(span.Env);
        Raw(Version); Str(span.Version);
        Raw(Component); Str(span.Component);
        Raw(SpanKind); Str(span.SpanKind);
        Raw(HttpMethod); Str(span.HttpMethod);
        Raw(HttpRoute); Str(span.HttpRoute);
        Raw(HttpUrl); Str(span.HttpUrl);
        Raw(StatusCode); Str(span.StatusCode);
        Raw(Metrics);
        Ensure(1);
        _buffer[_position++] = 0x80 | 3;
        Raw(SamplingPriority); Double(span.SamplingPriority);
        Raw(TopLevel); Double(span.TopLevel);
        Raw(Measured); Double(span.Measured);
    }

    private static byte[] Key(string key)
    {
        var encoder = new PlainEncoder { _position = 0 };
        encoder.Str(key);
        return encoder._buffer.AsSpan(0, encoder._position).ToArray();
    }

    private void Raw(byte[] bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer, _position);
        _position += bytes.Length;
    }

    // One pass: transcode behind the header the worst case needs, then narrow the header if the
    // real length allows (the same trick SpanMarshal uses); longer strings are counted first.
    private void Str(string value)
    {
        int max = value.Length * 3;
        Ensure(max + 5);
        if (max <= byte.MaxValue)
        {
            int header = max <= 31 ? 1 : 2;
            int written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position + header));
            if (header == 2 && written <= 31)
            {
                _buffer.AsSpan(_position + 2, written).CopyTo(_buffer.AsSpan(_position + 1));
                header = 1;
            }

            if (header == 1)
            {
                _buffer[_position] = (byte)(0xA0 | written);
            }
            else
            {
                _buffer[_position] = 0xD9;
                _buffer[_position + 1] = (byte)written;
            }

            _position += header + written;
            return;
        }

        int length = Encoding.UTF8.GetByteCount(value);
        if (length <= 31)
        {
            _buffer[_position++] = (byte)(0xA0 | length);
        }
        else if (length <= byte.MaxValue)
        {
            _buffer[_position++] = 0xD9;
            _buffer[_position++] = (byte)length;
        }
        else if (length <= ushort.MaxValue)
        {
            _buffer[_position++] = 0xDA;
            BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_position), (ushort)length);
            _position += 2;
        }
        else
        {
            _buffer[_position++] = 0xDB;
            BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_position), length);
            _position += 4;
        }

        _position += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position));
    }

    private void UInt(ulong value)
    {
        Ensure(9);
        if (value <= 0x7F)
        {
            _buffer[_position++] = (byte)value;
        }
        else if (value <= uint.MaxValue)
        {
            _buffer[_position++] = 0xCE;
            BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_position), (uint)value);
            _position += 4;
        }
        else
        {
            _buffer[_position++] = 0xCF;
            BinaryPrimitives.WriteUInt64BigEndian(_buffer.AsSpan(_position), value);
            _position += 8;
        }
    }

    private void Double(double value)
    {
        Ensure(9);
        _buffer[_position++] = 0xCB;
        BinaryPrimitives.WriteDoubleBigEndian(_buffer.AsSpan(_position), value);
        _position += 8;
    }

    private void ArrayHeader(int count)
    {
        Ensure(5);
        if (count <= 15)
        {
            _buffer[_position++] = (byte)(0x90 | count);
        }
        else if (count <= ushort.MaxValue)
        {
            _buffer[_position++] = 0xDC;
            BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_position), (ushort)count);
            _position += 2;
        }
        else
        {
            _buffer[_position++] = 0xDD;
            BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_position), count);
            _position += 4;
        }
    }

    private void Ensure(int bytes)
    {
        if (_buffer.Length - _position < bytes)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _position + bytes));
        }
    }
}
