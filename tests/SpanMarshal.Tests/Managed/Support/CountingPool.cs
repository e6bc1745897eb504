using System.Buffers;
using System.Collections.Generic;

namespace SpanMarshal.Tests.Managed.Support;

/// <summary>An array pool that knows which of its rentals are still out.</summary>
public sealed class CountingPool<T> : ArrayPool<T>
{
    private readonly HashSet<T[]> _out = new(ReferenceEqualityComparer.Instance);

    public int Outstanding
    {
        get
        {
            lock (_out)
            {
                return _out.Count;
            }
        }
    }

    public int Rented { get; private set; }

    /// <summary>The largest array rented so far.</summary>
    public int Largest { get; private set; }

    public override T[] Rent(int minimumLength)
    {
        var array = new T[minimumLength];
        lock (_out)
        {
            _out.Add(array);
            Rented++;
            Largest = System.Math.Max(Largest, minimumLength);
        }

        return array;
    }

    public override void Return(T[] array, bool clearArray = false)
    {
        lock (_out)
        {
            if (!_out.Remove(array))
            {
                throw new System.InvalidOperationException("an array was returned twice or was not rented here");
            }
        }
    }
}
