using System;
using System.Collections;
using System.Collections.Generic;

namespace SpanMarshal.Writing;

/// <summary>
/// One trace seen as a batch of one, so a write goes through the same batch walk as a send without
/// allocating a list per write. One instance per writer, set and cleared under the writer's lock.
/// </summary>
internal sealed class SingleTrace<TSpan> : IReadOnlyList<IReadOnlyList<TSpan>>
    where TSpan : class
{
    public IReadOnlyList<TSpan>? Trace { get; set; }

    public int Count => 1;

    public IReadOnlyList<TSpan> this[int index]
        => index == 0 ? Trace! : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<IReadOnlyList<TSpan>> GetEnumerator()
    {
        yield return Trace!;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
