using System;
using System.Collections.Concurrent;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace SpanMarshal.Tests.Support;

/// <summary>
/// Records every log entry, for asserting what the pipeline told the user. Pass it as the exporter's
/// <see cref="ILoggerFactory"/> (entries then carry their category) or as a pipeline's <see cref="ILogger"/>.
/// </summary>
public sealed class ListLogger : ILogger, ILoggerFactory
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message, string? Category)> Entries { get; } = new();

    public int Count(int eventId) => Entries.Count(e => e.Id.Id == eventId);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Entries.Enqueue((logLevel, eventId, formatter(state, exception), null));

    public ILogger CreateLogger(string categoryName) => new Category(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Category(ListLogger list, string name) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => list.Entries.Enqueue((logLevel, eventId, formatter(state, exception), name));
    }
}
