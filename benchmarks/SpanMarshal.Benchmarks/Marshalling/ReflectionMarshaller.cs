using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using SpanMarshal.Marshalling;

namespace SpanMarshal.Benchmarks.Marshalling;

/// <summary>
/// What a marshaller without a generator does: it finds the span fields by the same conventions and
/// the <c>[SpanTag]</c> members once per type, then reads every member of every span with
/// <see cref="FieldInfo.GetValue"/> (boxing each value type) and makes the same conversions and the
/// same sink calls as the generated marshaller. Tag keys are encoded to UTF-8 once, as the generated
/// code's literals are: the difference measured is reading members by reflection.
/// </summary>
internal sealed class ReflectionMarshaller
{
    private readonly FieldInfo _service, _name, _resource, _type, _traceIdHigh, _traceIdLow, _spanId, _parentId, _start, _duration, _error;
    private readonly (FieldInfo Field, byte[] Key)[] _meta;
    private readonly (FieldInfo Field, byte[] Key)[] _metrics;

    public ReflectionMarshaller(Type spanType)
    {
        List<FieldInfo> fields = [];
        for (Type? type = spanType; type is not null && type != typeof(object); type = type.BaseType)
        {
            fields.InsertRange(0, type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly));
        }

        FieldInfo Field(string name) => fields.Single(f => f.Name == name);
        _service = Field("Service");
        _name = Field("Name");
        _resource = Field("Resource");
        _type = Field("Type");
        _traceIdHigh = Field("TraceIdHigh");
        _traceIdLow = Field("TraceIdLow");
        _spanId = Field("SpanId");
        _parentId = Field("ParentId");
        _start = Field("Start");
        _duration = Field("Duration");
        _error = Field("Error");
        var tags = fields
            .Select(f => (Field: f, Tag: f.GetCustomAttribute<SpanTagAttribute>()))
            .Where(t => t.Tag is not null)
            .Select(t => (t.Field, Key: Encoding.UTF8.GetBytes(t.Tag!.Key)))
            .ToList();
        _meta = [.. tags.Where(t => t.Field.FieldType == typeof(string))];
        _metrics = [.. tags.Where(t => t.Field.FieldType == typeof(double))];
    }

    public void Marshal<TSink>(object span, ref TSink sink)
        where TSink : struct, ISpanSink
    {
        TracerSpanFields fields = default;
        fields.Service = sink.Utf8((string?)_service.GetValue(span));
        fields.Name = sink.Utf8((string?)_name.GetValue(span));
        fields.Resource = sink.Utf8((string?)_resource.GetValue(span));
        fields.SpanType = sink.Utf8((string?)_type.GetValue(span));
        fields.TraceIdHigh = (ulong)_traceIdHigh.GetValue(span)!;
        fields.TraceIdLow = (ulong)_traceIdLow.GetValue(span)!;
        fields.SpanId = (ulong)_spanId.GetValue(span)!;
        fields.ParentId = (ulong)_parentId.GetValue(span)!;
        fields.Start = (long)_start.GetValue(span)!;
        fields.Duration = (long)_duration.GetValue(span)!;
        fields.Error = (bool)_error.GetValue(span)! ? 1 : 0;
        sink.StartSpan(in fields);
        foreach ((FieldInfo field, byte[] key) in _meta)
        {
            if (field.GetValue(span) is string value)
            {
                sink.SetMeta(key, value);
            }
        }

        foreach ((FieldInfo field, byte[] key) in _metrics)
        {
            sink.SetMetric(key, (double)field.GetValue(span)!);
        }

        sink.EndSpan();
    }
}
