using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using SpanMarshal.Generator.Emitting;
using SpanMarshal.Generator.Model;
using SpanMarshal.Generator.Parsing;

namespace SpanMarshal.Generator;

/// <summary>
/// Emits a reflection-free, allocation-free <c>ITraceMarshaller&lt;T&gt;</c> for every class marked
/// <c>[GenerateTraceMarshaller]</c>. Only the pipeline lives here; diagnostics come from the analyzers.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TraceMarshallerGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<SpanTypeSpec> specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.GenerateAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (context, cancellationToken) => context.TargetSymbol is INamedTypeSymbol type
                    ? SpanTypeParser.Parse(type, context.SemanticModel.Compilation, diagnostics: null, cancellationToken)
                    : null)
            .WithTrackingName(TrackingNames.SpanTypes)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.ValidSpanTypes);

        context.RegisterSourceOutput(specs, static (context, spec) =>
            context.AddSource(spec.HintName, SourceText.From(MarshallerEmitter.Emit(spec), System.Text.Encoding.UTF8)));
    }
}
