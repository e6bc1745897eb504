using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SpanMarshal.Benchmarks;

/// <summary>
/// The other baseline: a plain hand-written v0.4 encoder straight into a byte array, the way a
/// tracer writes one without a library - smallest msgpack forms, every string (keys included)
/// transcoded where it is written, no caching.
/// </summary>
public sealed class PlainEncoder
{
    private byte[] _buffer = new byte[1024 * 1024];
    private int _position;

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
        Ensure(64);
        _buffer[_position++] = 0x80 | 12;
        Str("service"); Str(span.Service);
        Str("name"); Str(span.Name);
        Str("resource"); Str(span.Resource);
        Str("type"); Str(span.Type);
        Str("trace_id"); UInt(span.TraceIdLow);
        Str("span_id"); UInt(span.SpanId);
        Str("parent_id"); UInt(span.ParentId);
        Str("start"); UInt((ulong)span.Start);
        Str("duration"); UInt((ulong)span.Duration);
        Str("error"); UInt(span.Error ? 1UL : 0UL);
        Str("meta");
        Ensure(1);
        _buffer[_position++] = (byte)(0x80 | (tid ? 8 : 7));
        if (tid)
        {
            Str("_dd.p.tid"); Str(span.TraceIdHigh.ToString("x16", CultureInfo.InvariantCulture));
        }

        Str("env"); Str(span.Env);
        Str("version"); Str(span.Version);
        Str("component"); Str(span.Component);
        Str("span.kind"); Str(span.SpanKind);
        Str("http.method"); Str(span.HttpMethod);
        Str("http.route"); Str(span.HttpRoute);
        Str("http.url"); Str(span.HttpUrl);
        Str("metrics");
        Ensure(1);
        _buffer[_position++] = 0x80 | 4;
        Str("http.status_code"); Double(span.StatusCode);
        Str("_sampling_priority_v1"); Double(span.SamplingPriority);
        Str("_dd.top_level"); Double(span.TopLevel);
        Str("_dd.measured"); Double(span.Measured);
    }

    private void Str(string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        Ensure(length + 5);
        if (length <= 31)
        {
            _buffer[_position++] = (byte)(0xA0 | length);
        }
        else if (length <= byte.MaxValue)
        {
            _buffer[_position++] = 0xD9;
            _buffer[_position++] = (byte)length;
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
