using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SpanMarshal.Generator.Diagnostics;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Parsing;

/// <summary>
/// Names that look like a span field but match none of its conventions: <c>trace_id</c> (SMG008),
/// <c>DurationMs</c> or <c>Elapsed</c> (SMG016). Nothing maps them; these say so, and carry what
/// the code fix needs to add <c>[SpanField]</c> when that would read the value right.
/// </summary>
internal static class NearMisses
{
    /// <summary>SMG008: the name is a convention once its inner underscores are dropped.</summary>
    public static void ReportUnderscored(ISymbol member, ITypeSymbol type, ConventionName likely, INamedTypeSymbol spanType, DiagnosticSink sink)
    {
        // The attribute does what the convention would: the fix is right wherever the convention reads the type.
        FieldRule rule = SpanFieldTable.For(likely.Field);
        bool readsRight = rule.IsCollection ? rule.Reads(type) : rule.ClassifyScalar(type, likely) is not null;
        sink.Report(DiagnosticDescriptors.AmbiguousConventionName, Fix(rule, readsRight), member, spanType, member.Name, likely.Field.ToString());
    }

    /// <summary>SMG016, for each unmapped member whose name looks like a field that no member fills and whose type that field reads.</summary>
    public static void Report(List<UnmappedMember> unmapped, List<MappedMember> fields, INamedTypeSymbol spanType, DiagnosticSink sink)
    {
        foreach (UnmappedMember member in unmapped)
        {
            HashSet<string> words = SpanFieldTable.Words(member.Symbol.Name);
            FieldRule? rule = SpanFieldTable.All.FirstOrDefault(r => r.IsHintedBy(words));
            if (rule is null || member.Type.TypeKind == TypeKind.Error || IsFilled(rule.Field, fields) || !rule.Reads(member.Type))
            {
                continue;
            }

            sink.Report(
                DiagnosticDescriptors.NearMissName,
                FixFor(rule, member.Symbol, member.Type),
                member.Symbol,
                spanType,
                member.Symbol.Name,
                rule.Field.ToString(),
                rule.AcceptedTypes());
        }
    }

    /// <summary>The properties that offer the <c>[SpanField]</c> fix, when the attribute would read the member's value in the unit its name states.</summary>
    private static ImmutableDictionary<string, string?> FixFor(FieldRule rule, ISymbol member, ITypeSymbol type)
        => Fix(rule, rule.IsCollection || (rule.ClassifyScalar(type, name: null) is { } kind && TimeUnits.NameAgrees(kind, SpanFieldTable.Words(member.Name))));

    private static ImmutableDictionary<string, string?> Fix(FieldRule rule, bool readsRight)
        => readsRight ? DiagnosticProperties.AddSpanField(rule.Field.ToString()) : ImmutableDictionary<string, string?>.Empty;

    /// <summary>The three trace id fields fill one id: any of them makes a look-alike of another moot.</summary>
    private static bool IsFilled(SpanField field, List<MappedMember> fields)
        => field is SpanField.TraceId or SpanField.TraceIdHigh or SpanField.TraceIdLow
            ? fields.Any(f => f.Field is SpanField.TraceId or SpanField.TraceIdHigh or SpanField.TraceIdLow)
            : fields.Any(f => f.Field == field);
}
