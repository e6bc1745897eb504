using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SpanMarshal.Generator.Diagnostics;

/// <summary>
/// Suppresses the unused-member warnings (CS0169, CS0414, IDE0051, IDE0052, CA1823) and the
/// make-it-static suggestion (CA1822) on fields and properties that a generated marshaller
/// reads: the compiler and the analyzers do not see a read through <c>[UnsafeAccessor]</c>,
/// and a static member would not be sent. Which members are read is the parser's answer, so
/// the suppressions and the generated code always agree.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MarshalledMemberSuppressor : DiagnosticSuppressor
{
    /// <inheritdoc/>
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions => SuppressionDescriptors.All;

    /// <inheritdoc/>
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        MarshalledMemberIndex? index = null;
        foreach (Diagnostic diagnostic in context.ReportedDiagnostics)
        {
            if (SuppressionDescriptors.For(diagnostic.Id) is not { } descriptor || DeclaredMember(diagnostic, context) is not { } member)
            {
                continue;
            }

            index ??= new MarshalledMemberIndex(context.Compilation, context.CancellationToken);
            if (index.IsMarshalled(member))
            {
                context.ReportSuppression(Suppression.Create(descriptor, diagnostic));
            }
        }
    }

    /// <summary>The field or property the diagnostic is reported on, if it is one.</summary>
    private static ISymbol? DeclaredMember(Diagnostic diagnostic, SuppressionAnalysisContext context)
    {
        if (diagnostic.Location.SourceTree is not { } tree)
        {
            return null;
        }

        SyntaxNode? declaration = tree.GetRoot(context.CancellationToken)
            .FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
            .AncestorsAndSelf()
            .FirstOrDefault(n => n is VariableDeclaratorSyntax or MemberDeclarationSyntax);
        if (declaration is null)
        {
            return null;
        }

        ISymbol? symbol = context.GetSemanticModel(tree).GetDeclaredSymbol(declaration, context.CancellationToken);
        return symbol is IFieldSymbol or IPropertySymbol ? symbol : null;
    }
}
