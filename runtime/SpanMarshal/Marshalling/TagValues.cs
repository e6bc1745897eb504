using System;
using System.ComponentModel;

namespace SpanMarshal.Marshalling;

/// <summary>
/// Routes the values of a mixed tag bag: strings to meta, numbers to metrics, anything else
/// skipped. Part of the generated-code contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TagValues
{
    /// <summary>Writes one entry of a mixed tag bag. A null value writes nothing and is not counted.</summary>
    public static void Write<TSink>(ref TSink sink, string key, object? value)
        where TSink : struct, ISpanSink
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                sink.SetMeta(key, s);
                return;
            case double d:
                sink.SetMetric(key, d);
                return;
            case float f:
                sink.SetMetric(key, f);
                return;
            case int i:
                sink.SetMetric(key, i);
                return;
            case long l:
                sink.SetMetric(key, l);
                return;
            case short sh:
                sink.SetMetric(key, sh);
                return;
            case byte b:
                sink.SetMetric(key, b);
                return;
            case sbyte sb:
                sink.SetMetric(key, sb);
                return;
            case ushort us:
                sink.SetMetric(key, us);
                return;
            case uint ui:
                sink.SetMetric(key, ui);
                return;
            case ulong ul:
                sink.SetMetric(key, ul);
                return;
            case decimal m:
                sink.SetMetric(key, (double)m);
                return;
            case Half h:
                sink.SetMetric(key, (double)h);
                return;
            default:
                sink.SkipTag(key);
                return;
        }
    }
}
