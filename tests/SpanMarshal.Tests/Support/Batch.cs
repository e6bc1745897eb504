using System.Collections.Generic;

namespace SpanMarshal.Tests.Support;

/// <summary>Batches written inline: one array per trace.</summary>
public static class Batch
{
    public static IReadOnlyList<IReadOnlyList<TestSpan>> Of(params TestSpan[][] traces) => traces;
}
