using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SpanMarshal.Generator.Parsing;

/// <summary>
/// Collects the parser's findings. The generator passes no list (it only needs to know whether
/// an error makes the type unmarshallable); the analyzers pass one and report its contents.
/// </summary>
internal sealed class DiagnosticSink
{
    private readonly List<Diagnostic>? _diagnostics;

    public DiagnosticSink(List<Diagnostic>? diagnostics) => _diagnostics = diagnostics;

    public bool HasErrors { get; private set; }

    /// <summary>Reports on <paramref name="at"/>, else (no source location) on <paramref name="fallback"/>.</summary>
    public void Report(DiagnosticDescriptor descriptor, ISymbol at, ISymbol fallback, params object?[] args)
        => Add(descriptor, SourceLocation(at) ?? SourceLocation(fallback), null, args);

    /// <summary>
    /// Reports with <paramref name="properties"/> for the code fix. They come before the symbols, so
    /// no message argument can be taken for them.
    /// </summary>
    public void Report(DiagnosticDescriptor descriptor, ImmutableDictionary<string, string?> properties, ISymbol at, ISymbol fallback, params object?[] args)
        => Add(descriptor, SourceLocation(at) ?? SourceLocation(fallback), properties, args);

    /// <summary>
    /// Reports on an attribute's first argument (a <c>[SpanTag]</c> key), else on <paramref name="member"/>,
    /// else on <paramref name="fallback"/>: the squiggle goes under the text to change.
    /// </summary>
    public void ReportOnArgument(DiagnosticDescriptor descriptor, AttributeData attribute, ISymbol member, ISymbol fallback, params object?[] args)
        => Add(descriptor, ArgumentLocation(attribute) ?? SourceLocation(member) ?? SourceLocation(fallback), null, args);

    /// <summary>Marks the type unmarshallable without a diagnostic of ours (the compiler already reports it).</summary>
    public void MarkError() => HasErrors = true;

    private void Add(DiagnosticDescriptor descriptor, Location? location, ImmutableDictionary<string, string?>? properties, object?[] args)
    {
        HasErrors |= descriptor.DefaultSeverity == DiagnosticSeverity.Error;
        _diagnostics?.Add(Diagnostic.Create(descriptor, location ?? Location.None, properties, args));
    }

    private static Location? ArgumentLocation(AttributeData attribute)
        => attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList.Arguments.Count: > 0 } syntax
            ? syntax.ArgumentList.Arguments[0].GetLocation()
            : null;

    private static Location? SourceLocation(ISymbol symbol) => symbol.Locations.FirstOrDefault(l => l.IsInSource);
}
