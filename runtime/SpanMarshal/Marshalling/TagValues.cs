using System.ComponentModel;

namespace SpanMarshal.Marshalling;

/// <summary>
/// Routes the values of a mixed tag bag: strings to meta, numbers to metrics, anything else
/// skipped. Part of the generated-code contract.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TagValues
{
    /// <summary>
    /// Writes one entry of a mixed tag bag. A null value writes nothing and is not counted. The
    /// numbers sent as metrics are the ones the generator accepts for metric members.
    /// </summary>
    public static void Write<TSink>(ref TSink sink, string key, object? value)
        where TSink : struct, ISpanSink
    {
        if (value is null)
        {
            return;
        }

        if (value is string s)
        {
            sink.SetMeta(key, s);
        }
        else if (MetricNumbers.TryGetDouble(value, out double number))
        {
            sink.SetMetric(key, number);
        }
        else
        {
            sink.SkipTag(key);
        }
    }
}
