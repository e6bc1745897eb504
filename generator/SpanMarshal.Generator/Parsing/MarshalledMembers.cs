using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace SpanMarshal.Generator.Parsing;

/// <summary>
/// The fields and properties a span type's generated marshaller reads: exactly the members the
/// parser maps to span fields or sends as tags, none when the type gets no marshaller.
/// </summary>
internal static class MarshalledMembers
{
    /// <summary>Original definitions, so that a member of a generic base class matches its declaration.</summary>
    public static ImmutableHashSet<ISymbol> Of(INamedTypeSymbol spanType, Compilation compilation, CancellationToken cancellationToken)
    {
        if (SpanTypeParser.Parse(spanType, compilation, diagnostics: null, cancellationToken) is null)
        {
            return ImmutableHashSet<ISymbol>.Empty.WithComparer(SymbolEqualityComparer.Default);
        }

        CollectedMembers collected = MemberCollector.Collect(spanType, new DiagnosticSink(null), cancellationToken);
        return collected.Fields.Select(f => f.Symbol)
            .Concat(collected.Tags.Select(t => t.Symbol))
            .Select(s => s.OriginalDefinition)
            .ToImmutableHashSet(SymbolEqualityComparer.Default);
    }
}
