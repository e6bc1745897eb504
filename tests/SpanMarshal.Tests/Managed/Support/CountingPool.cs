using System.Buffers;
using System.Collections.Generic;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>An array pool that knows which of its rentals are still out.</summary>
public sealed class CountingPool<T> : ArrayPool<T>
{
    private readonly HashSet<T[]> _out = new(ReferenceEqualityComparer.Instance);

    public int Outstanding => _out.Count;

    public int Rented { get; private set; }

    public override T[] Rent(int minimumLength)
    {
        var array = new T[minimumLength];
        _out.Add(array);
        Rented++;
        return array;
    }

    public override void Return(T[] array, bool clearArray = false)
    {
        if (!_out.Remove(array))
        {
            throw new System.InvalidOperationException("an array was returned twice or was not rented here");
        }
    }
}
