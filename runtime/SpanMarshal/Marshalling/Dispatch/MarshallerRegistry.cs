using System;
using System.Collections.Concurrent;
using System.Threading;

namespace SpanMarshal.Marshalling.Dispatch;

/// <summary>Every registered marshaller by span type, for spans whose runtime type is not their batch's declared type.</summary>
internal static class MarshallerRegistry
{
    private static readonly ConcurrentDictionary<Type, object> s_byType = new();
    private static int s_version;

    /// <summary>Changes with every registration, so caches of resolved types know to start over.</summary>
    public static int Version => Volatile.Read(ref s_version);

    public static void Add(Type spanType, object marshaller)
    {
        s_byType[spanType] = marshaller;
        Interlocked.Increment(ref s_version);
    }

    /// <summary>
    /// The marshaller of the nearest registered type from <paramref name="runtimeType"/> up its base
    /// types, stopping before <paramref name="stopAt"/> (null: at none); null when none is registered in between.
    /// </summary>
    public static object? NearestRegistered(Type runtimeType, Type? stopAt)
    {
        for (Type? type = runtimeType; type is not null && type != stopAt; type = type.BaseType)
        {
            if (s_byType.TryGetValue(type, out object? marshaller))
            {
                return marshaller;
            }
        }

        return null;
    }
}
