using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SpanMarshal.Generator.Parsing;

/// <summary>What member checks need to know about the span type and the user's compilation.</summary>
internal sealed class MemberContext
{
    public MemberContext(INamedTypeSymbol spanType, Compilation compilation, bool emitIntoType, DiagnosticSink sink)
    {
        SpanType = spanType;
        Compilation = compilation;
        EmitIntoType = emitIntoType;
        Sink = sink;
        INamedTypeSymbol? accessor = compilation.GetTypeByMetadataName(KnownNames.UnsafeAccessorAttribute);
        HasUnsafeAccessor = accessor is not null && compilation.IsSymbolAccessibleWithin(accessor, compilation.Assembly);
        AllowsUnsafe = compilation.Options is CSharpCompilationOptions { AllowUnsafe: true };
    }

    public INamedTypeSymbol SpanType { get; }

    public Compilation Compilation { get; }

    /// <summary>True when the marshaller is nested in the (partial) span type and sees its private members.</summary>
    public bool EmitIntoType { get; }

    public DiagnosticSink Sink { get; }

    public bool HasUnsafeAccessor { get; }

    public bool AllowsUnsafe { get; }

    /// <summary>True when generated code can read <paramref name="symbol"/> as <c>span.Member</c>.</summary>
    public bool CanReadDirectly(ISymbol symbol)
        => Compilation.IsSymbolAccessibleWithin(symbol, EmitIntoType ? SpanType : Compilation.Assembly, SpanType);
}
