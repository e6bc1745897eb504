using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SpanMarshal.Generator.Diagnostics;

/// <summary>The registration both analyzers share: every named type, in compilations that reference SpanMarshal.</summary>
internal static class NamedTypeActions
{
    /// <summary>
    /// Runs <paramref name="analyze"/> on every named type, with <c>[GenerateTraceMarshaller]</c>'s
    /// symbol; compilations without it (no SpanMarshal reference) are skipped.
    /// </summary>
    public static void Register(AnalysisContext context, Action<SymbolAnalysisContext, INamedTypeSymbol> analyze)
    {
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? attribute = start.Compilation.GetTypeByMetadataName(KnownNames.GenerateAttribute);
            if (attribute is not null)
            {
                start.RegisterSymbolAction(symbol => analyze(symbol, attribute), SymbolKind.NamedType);
            }
        });
    }
}
