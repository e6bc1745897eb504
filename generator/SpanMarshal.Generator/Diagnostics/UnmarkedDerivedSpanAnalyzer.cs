using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SpanMarshal.Generator.Parsing;

namespace SpanMarshal.Generator.Diagnostics;

/// <summary>
/// SMG018: a class that derives from a <c>[GenerateTraceMarshaller]</c> class and adds span members
/// without being marked itself. The runtime marshals such a span with its nearest marked base's
/// marshaller, which knows nothing of the derived members, so they would be left out silently.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnmarkedDerivedSpanAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnmarkedDerivedSpan);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        NamedTypeActions.Register(context, Analyze);
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol attribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (type.TypeKind != TypeKind.Class || SpanAttributes.IsMarked(type, attribute) || NearestMarkedBase(type, attribute) is not { } markedBase)
        {
            return;
        }

        List<ISymbol> added = [.. type.GetMembers().Where(AddsToTheSpan)];
        if (added.Count == 0)
        {
            return;
        }

        string members = added.Count == 1
            ? $"member '{added[0].Name}'"
            : "members " + string.Join(", ", added.Select(m => "'" + m.Name + "'"));
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.UnmarkedDerivedSpan,
            type.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None,
            FixProperties(type, added),
            type.Name,
            markedBase.Name,
            members));
    }

    private static INamedTypeSymbol? NearestMarkedBase(INamedTypeSymbol type, INamedTypeSymbol attribute)
    {
        for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SpanAttributes.IsMarked(current.OriginalDefinition, attribute))
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>
    /// A member the type declares that its own marshaller would send. An override the base's
    /// marshaller already reads (a virtual call) adds nothing, unless it brings its own span attribute.
    /// </summary>
    private static bool AddsToTheSpan(ISymbol member)
    {
        if (member is IPropertySymbol { IsOverride: true })
        {
            SpanAttributes declared = SpanAttributes.DeclaredOn(member);
            if (declared.Tag is null && declared.Field is null)
            {
                return false;
            }
        }

        return MemberCollector.IsSpanMember(member);
    }

    /// <summary>
    /// The fix marks the type when it can have a marshaller, and makes it partial when it declares
    /// members only a marshaller nested in it reads directly.
    /// </summary>
    private static ImmutableDictionary<string, string?> FixProperties(INamedTypeSymbol type, List<ISymbol> added)
    {
        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
        if (TypeShape.UnsupportedReason(type) is not null)
        {
            return properties;
        }

        properties = properties.Add(DiagnosticProperties.Mark, "true");
        return added.Any(m => m.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            ? properties.Add(DiagnosticProperties.MakePartial, "true")
            : properties;
    }
}
