using System.Collections.Immutable;

namespace SpanMarshal.Generator.Diagnostics;

/// <summary>The properties a diagnostic carries to its code fix; only the fixes read them.</summary>
internal static class DiagnosticProperties
{
    /// <summary>Present when making the span type and its containing types partial resolves the diagnostic.</summary>
    public const string MakePartial = nameof(MakePartial);

    /// <summary>The <c>SpanField</c> member name that <c>[SpanField(...)]</c> on the member would map it to.</summary>
    public const string SpanField = nameof(SpanField);

    /// <summary>Present when <c>[GenerateTraceMarshaller]</c> on the type resolves the diagnostic.</summary>
    public const string Mark = nameof(Mark);

    public static readonly ImmutableDictionary<string, string?> MakePartialOnly = ImmutableDictionary<string, string?>.Empty.Add(MakePartial, "true");

    /// <summary>Asks the code fix to add <c>[SpanField(SpanField.<paramref name="field"/>)]</c>.</summary>
    public static ImmutableDictionary<string, string?> AddSpanField(string field) => ImmutableDictionary<string, string?>.Empty.Add(SpanField, field);
}
