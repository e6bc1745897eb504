using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Linq;

namespace QuickStart;

/// <summary>
/// Listens to the <c>SpanMarshal</c> meter as <c>dotnet-counters</c> or OpenTelemetry would, and
/// keeps a running total per instrument and tag set (a histogram's count and sum).
/// </summary>
internal sealed class MeterTotals : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Unit, string Tags), (long Count, double Sum)> _totals = new();

    public MeterTotals()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "SpanMarshal")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The total of <paramref name="instrument"/> over every tag set whose tags contain <paramref name="tag"/>.</summary>
    public double Sum(string instrument, string tag = "")
        => _totals.Where(t => t.Key.Instrument == instrument && t.Key.Tags.Contains(tag, StringComparison.Ordinal)).Sum(t => t.Value.Sum);

    /// <summary>Prints every total, one line per instrument and tag set, the way <c>dotnet-counters monitor</c> lays them out.</summary>
    public void Print()
    {
        _listener.RecordObservableInstruments();
        Console.WriteLine("[SpanMarshal]");
        foreach (var total in _totals.OrderBy(t => t.Key.Instrument, StringComparer.Ordinal).ThenBy(t => t.Key.Tags, StringComparer.Ordinal))
        {
            string name = $"{total.Key.Instrument} ({total.Key.Unit})" + (total.Key.Tags.Length == 0 ? "" : $" [{total.Key.Tags}]");
            string value = total.Key.Unit == "s"
                ? string.Create(CultureInfo.InvariantCulture, $"{total.Value.Count} sends, {total.Value.Sum * 1000 / total.Value.Count:F1} ms mean")
                : total.Value.Sum.ToString("N0", CultureInfo.InvariantCulture);
            Console.WriteLine($"    {name,-100} {value,20}");
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var pairs = new List<string>(tags.Length);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            pairs.Add(string.Create(CultureInfo.InvariantCulture, $"{tag.Key}={tag.Value}"));
        }

        pairs.Sort(StringComparer.Ordinal);
        var key = (instrument.Name, instrument.Unit ?? "", string.Join(",", pairs));

        // An observable instrument reports its current value: keep the latest, not a sum.
        _totals.AddOrUpdate(key, (1, value), (_, t) => instrument.IsObservable ? (1, value) : (t.Count + 1, t.Sum + value));
    }
}
