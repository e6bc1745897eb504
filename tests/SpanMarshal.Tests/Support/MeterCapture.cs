using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;

namespace SpanMarshal.Tests.Support;

/// <summary>Records every measurement of SpanMarshal's meter while it is alive (use it in serial test collections only: the meter is process-wide).</summary>
public sealed class MeterCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)> _measurements = new();
    private readonly ConcurrentDictionary<string, double> _observed = new();

    public MeterCapture()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "SpanMarshal")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of <paramref name="instrument"/>'s measurements whose tags include every pair of <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, object? Value)[] tags)
        => _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out object? v) && Equals(v, t.Value))).Sum(m => m.Value);

    /// <summary>How many measurements <paramref name="instrument"/> recorded.</summary>
    public int Count(string instrument) => _measurements.Count(m => m.Instrument == instrument);

    /// <summary>Collects the observable instruments now and returns <paramref name="instrument"/>'s value, summed over its measurements.</summary>
    public double Observe(string instrument)
    {
        _observed.Clear();
        _listener.RecordObservableInstruments();
        return _observed.GetValueOrDefault(instrument);
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (instrument.IsObservable)
        {
            _observed.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
            return;
        }

        var copy = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue((instrument.Name, value, copy));
    }
}
