using System;
using System.Collections.Concurrent;

namespace SpanMarshal.Marshalling.Dispatch;

/// <summary>
/// For one declared span type, which registered marshaller handles each other runtime type: the
/// nearest registered type from the runtime type up to (not including) the declared one, or none
/// (the declared type's own marshaller). Resolved once per runtime type, then one lookup.
/// </summary>
internal sealed class DerivedSpanWriters
{
    private readonly Type? _declared;
    private ConcurrentDictionary<Type, object?> _resolved = new();
    private int _registryVersion = MarshallerRegistry.Version;

    /// <param name="declared">Where the search up the base types stops; null searches them all.</param>
    public DerivedSpanWriters(Type? declared) => _declared = declared;

    /// <summary>The marshaller (a <see cref="ISpanWriter{TEncoder}"/> of every encoder) for <paramref name="runtimeType"/>, or null to use the declared type's.</summary>
    public object? For(Type runtimeType)
    {
        int version = MarshallerRegistry.Version;
        if (version != _registryVersion)
        {
            // A registration after the first send (tests, late hand-written registrations): resolve again.
            _resolved = new ConcurrentDictionary<Type, object?>();
            _registryVersion = version;
        }

        return _resolved.GetOrAdd(runtimeType, static (type, declared) => MarshallerRegistry.NearestRegistered(type, declared), _declared);
    }
}
