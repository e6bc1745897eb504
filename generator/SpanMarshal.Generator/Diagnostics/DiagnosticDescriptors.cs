using Microsoft.CodeAnalysis;

namespace SpanMarshal.Generator.Diagnostics;

/// <summary>Every diagnostic SpanMarshal reports: one id prefix, one category, a help page each.</summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "SpanMarshal";

    // The repository's docs/diagnostics folder; one page per id explains the cause and the fix.
    private const string HelpLinkBase = Repository.Url + "/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor MissingName = Create(
        "SMG001",
        "Span type has no operation name",
        "No member of '{0}' maps to the span name; add a 'Name' or 'OperationName' member, or mark one with [SpanField(SpanField.Name)]",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateMapping = Create(
        "SMG002",
        "Two members map to one span field",
        "Member '{0}' maps to span field '{1}', which member '{2}' already fills; mark one with [SpanIgnore] or map it explicitly",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedMemberType = Create(
        "SMG003",
        "Member type not accepted for its span field",
        "Member '{0}' of type '{1}' cannot feed span field '{2}'; accepted types: {3}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnreachableMember = Create(
        "SMG004",
        "Member cannot be read by generated code",
        "Member '{0}' is not accessible to generated code and UnsafeAccessorAttribute is not available; make '{1}' and its containing types partial, make the member accessible, or target .NET 8 or later",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
        "SMG005",
        "Containing type is not partial",
        "'{0}' is partial but its containing type '{1}' is not, so the marshaller cannot be emitted into it; make '{1}' partial",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnsupportedTypeKind = Create(
        "SMG006",
        "[GenerateTraceMarshaller] on an unsupported type",
        "'{0}' cannot have a generated trace marshaller: {1}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidTagCollection = Create(
        "SMG007",
        "Tag collection has the wrong key or value type",
        "Member '{0}' of type '{1}' enumerates KeyValuePair<{2}, {3}>; span field '{4}' accepts {5}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor AmbiguousConventionName = Create(
        "SMG008",
        "Member name resembles a span field convention",
        "Member '{0}' looks like span field '{1}' but does not match its naming convention, so it is not mapped; mark it with [SpanField(SpanField.{1})] or [SpanIgnore]",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnsafeBlocksRequired = Create(
        "SMG009",
        "UTF-8 byte members need unsafe code",
        "Member '{0}' holds UTF-8 bytes, which the generated code pins with 'fixed'; set <AllowUnsafeBlocks>true</AllowUnsafeBlocks> in the project",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedTagType = Create(
        "SMG010",
        "Member type not accepted for a tag",
        "Member '{0}' of type '{1}' cannot be sent as tag '{2}'; [SpanTag] accepts {3}",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor EmptyTagKey = Create(
        "SMG011",
        "Tag key is empty",
        "The [SpanTag] key of member '{0}' is null, empty or white space; give the tag its name, such as \"http.method\"",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateTagKey = Create(
        "SMG012",
        "Two members send the same tag",
        "Member '{0}' sends tag '{1}', which member '{2}' already sends; change one key or remove one [SpanTag]",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor TagKeyNotUtf8 = Create(
        "SMG013",
        "Tag key has no UTF-8 form",
        "The [SpanTag] key of member '{0}' contains a lone surrogate (U+{1}) at index {2}, so it cannot be written as a UTF-8 literal; fix the key's escape sequences",
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor TagWithSpanField = Create(
        "SMG014",
        "[SpanTag] and [SpanField] on one member",
        "Member '{0}' has both [SpanTag] and [SpanField], but it can be either a tag or a span field, not both; remove one of them",
        DiagnosticSeverity.Error);

    // A warning, as SMG008: the marshaller is still correct, it only leaves out what the attribute asked for.
    public static readonly DiagnosticDescriptor UnreadableMarkedMember = Create(
        "SMG015",
        "[SpanTag] or [SpanField] member cannot be read",
        "Member '{0}' has {1}, but the generated marshaller cannot read it, so it is not sent: {2}",
        DiagnosticSeverity.Warning);

    // Info: the member may well be something else (an end time, a count); the user decides.
    public static readonly DiagnosticDescriptor NearMissName = Create(
        "SMG016",
        "Member name looks like a span field but maps to none",
        "Member '{0}' looks like span field '{1}', which no member fills, but no naming convention maps it, so it is not sent; if it holds the span's {1}, mark it [SpanField(SpanField.{1})] (which reads {2}), else [SpanIgnore]",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor MissingId = Create(
        "SMG017",
        "Span type has no span id or no trace id",
        "No member of '{0}' maps to span field '{1}', so its spans reach the agent with a {2} of 0, and the agent drops them; add a member named {3}, or mark one with [SpanField(SpanField.{1})]",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnmarkedDerivedSpan = Create(
        "SMG018",
        "Derived span type adds span members but has no marshaller of its own",
        "'{0}' derives from '{1}', which has [GenerateTraceMarshaller], and adds {2}, which the marshaller of '{1}' does not send; mark '{0}' with [GenerateTraceMarshaller]",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Create(
        "SMG019",
        "The generated marshaller needs C# 11",
        "The marshaller of '{0}' is not generated: it needs C# 11 or later (UTF-8 string literals, static abstract interface members), and the project compiles C# {1}; set <LangVersion> to 11 or later, or remove it to use the SDK's default",
        DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity)
        => new(
            id,
            title,
            message,
            Category,
            severity,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinkBase + id + ".md");
}
