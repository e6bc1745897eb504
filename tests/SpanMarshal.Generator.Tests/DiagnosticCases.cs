using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SpanMarshal.Generator.Tests.Infrastructure;

namespace SpanMarshal.Generator.Tests;

/// <summary>
/// One diagnostic's positive source (reported at <see cref="Location"/> on <see cref="Line"/>,
/// compiled as <see cref="PositiveLanguage"/>) and its fixed twin.
/// </summary>
public sealed record DiagnosticCase(
    string Id,
    string Positive,
    string Negative,
    string Location,
    int Line,
    bool IsError = true,
    int NegativeSources = 1,
    bool WithoutUnsafeAccessor = false,
    bool AllowUnsafe = true,
    LanguageVersion PositiveLanguage = LanguageVersion.Latest)
{
    /// <summary>The positive source, after <paramref name="prefix"/> (a <c>#pragma</c>, say).</summary>
    internal Compilation CreatePositive(string prefix = "") => Create(prefix + Positive, PositiveLanguage);

    internal Compilation CreateNegative() => Create(Negative, LanguageVersion.Latest);

    private CSharpCompilation Create(string source, LanguageVersion language)
        => TestCompilation.Create(source, WithoutUnsafeAccessor ? TestCompilation.NetStandard20 : null, AllowUnsafe, language);
}

internal static class DiagnosticCases
{
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing SpanMarshal;\n";

    // After the span type, so line numbers stay put: the ids every span needs (else SMG017).
    private const string Ids = "\npublic abstract class Ids { public ulong TraceId; public ulong SpanId; }\n";

    public static readonly Dictionary<string, DiagnosticCase> All = new()
    {
        ["SMG001"] = new(
            "SMG001",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids { public string? Service; }" + Ids,
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids { public string? Service; public string? Name; }" + Ids,
            "S",
            5),
        ["SMG002"] = new(
            "SMG002",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    public string? OperationName;\n}" + Ids,
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    [SpanField(SpanField.Name)] public string? OperationName;\n    public string? Name;\n}" + Ids,
            "OperationName",
            8),
        ["SMG003"] = new(
            "SMG003",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    public string? SpanId;\n}" + Ids,
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    public ulong SpanId;\n}" + Ids,
            "SpanId",
            8),
        ["SMG004"] = new(
            "SMG004",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    private string? _name;\n    public override string ToString() => _name ?? \"\";\n}" + Ids,
            Usings + "[GenerateTraceMarshaller]\npublic partial class S : Ids\n{\n    private string? _name;\n    public override string ToString() => _name ?? \"\";\n}" + Ids,
            "_name",
            7,
            WithoutUnsafeAccessor: true),
        ["SMG005"] = new(
            "SMG005",
            Usings + "public class Outer\n{\n    [GenerateTraceMarshaller]\n    public partial class S : Ids { public string? Name; }\n}" + Ids,
            Usings + "public partial class Outer\n{\n    [GenerateTraceMarshaller]\n    public partial class S : Ids { public string? Name; }\n}" + Ids,
            "S",
            7,
            IsError: false),
        ["SMG006"] = new(
            "SMG006",
            Usings + "[GenerateTraceMarshaller]\npublic static class S { public static string? Name; }",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids { public string? Name; }" + Ids,
            "S",
            5),
        ["SMG007"] = new(
            "SMG007",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    public Dictionary<string, int>? Meta;\n}" + Ids,
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    public Dictionary<string, string>? Meta;\n}" + Ids,
            "Meta",
            8),
        ["SMG008"] = new(
            "SMG008",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    public ulong trace_id;\n}" + Ids,
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    [SpanIgnore] public ulong trace_id;\n}" + Ids,
            "trace_id",
            8,
            IsError: false),
        ["SMG009"] = new(
            "SMG009",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public byte[]? Name;\n}" + Ids,
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n}" + Ids,
            "Name",
            7,
            AllowUnsafe: false),
        ["SMG010"] = new(
            "SMG010",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    [SpanTag(\"cache.hit\")] public bool Hit;\n}" + Ids,
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    [SpanTag(\"cache.hit\")] public int Hit;\n}" + Ids,
            "Hit",
            8),
        ["SMG011"] = new(
            "SMG011",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    [SpanTag(\" \")] public string? Method;\n}" + Ids,
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    [SpanTag(\"http.method\")] public string? Method;\n}" + Ids,
            "\" \"",
            8),
        ["SMG012"] = new(
            "SMG012",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    [SpanTag(\"http.method\")] public string? Method;\n    [SpanTag(\"http.method\")] public string? Verb;\n}" + Ids,
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    [SpanTag(\"http.method\")] public string? Method;\n    [SpanTag(\"http.verb\")] public string? Verb;\n}" + Ids,
            "\"http.method\"",
            9),
        ["SMG013"] = new(
            "SMG013",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    [SpanTag(\"emoji.\\uD83D\")] public string? Emoji;\n}" + Ids,
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    [SpanTag(\"emoji.\\uD83D\\uDE00\")] public string? Emoji;\n}" + Ids,
            "\"emoji.\\uD83D\"",
            8),
        ["SMG014"] = new(
            "SMG014",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    [SpanTag(\"http.route\"), SpanField(SpanField.Resource)] public string? Route;\n}" + Ids,
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    [SpanField(SpanField.Resource)] public string? Route;\n}" + Ids,
            "Route",
            8),
        ["SMG015"] = new(
            "SMG015",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    [SpanTag(\"app.version\")] public static string? Version;\n}" + Ids,
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    [SpanTag(\"app.version\")] public string? Version;\n}" + Ids,
            "Version",
            8,
            IsError: false),
        ["SMG016"] = new(
            "SMG016",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    public TimeSpan Elapsed;\n}" + Ids,
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids\n{\n    public string? Name;\n    [SpanField(SpanField.Duration)] public TimeSpan Elapsed;\n}" + Ids,
            "Elapsed",
            8,
            IsError: false),
        ["SMG017"] = new(
            "SMG017",
            Usings + "[GenerateTraceMarshaller]\npublic class S\n{\n    public string? Name;\n    public ulong TraceId;\n}",
            Usings + "[GenerateTraceMarshaller]\npublic class S\n{\n    public string? Name;\n    public ulong TraceId;\n    public ulong SpanId;\n}",
            "S",
            5,
            IsError: false),
        ["SMG018"] = new(
            "SMG018",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids { public string? Name; }\npublic class Derived : S\n{\n    [SpanTag(\"db.statement\")] public string? Statement;\n}" + Ids,
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids { public string? Name; }\n[GenerateTraceMarshaller]\npublic class Derived : S\n{\n    [SpanTag(\"db.statement\")] public string? Statement;\n}" + Ids,
            "Derived",
            6,
            IsError: false,
            NegativeSources: 2),
        ["SMG019"] = new(
            "SMG019",
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids { public string? Name; }" + Ids,
            Usings + "[GenerateTraceMarshaller]\npublic class S : Ids { public string? Name; }" + Ids,
            "S",
            5,
            PositiveLanguage: LanguageVersion.CSharp10),
    };
}
