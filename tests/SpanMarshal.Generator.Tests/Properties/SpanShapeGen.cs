using System.Linq;
using CsCheck;
using Microsoft.CodeAnalysis.CSharp;
using SpanMarshal.Generator.Model;
using SpanMarshal.Generator.Parsing;

namespace SpanMarshal.Generator.Tests.Properties;

/// <summary>Generators of random span types and of broken, half-typed versions of them.</summary>
internal static class SpanShapeGen
{
    /// <summary>Convention names, their snake_case and near-miss forms, random names and keywords.</summary>
    private static readonly Gen<string> Name = Gen.Frequency(
        (4, Gen.OneOf(SpanFieldTable.All.SelectMany(r => r.Names).Select(n => n.Name).ToArray())),
        (1, Gen.OneOf("trace_id", "span_id", "_name", "m_service", "start_time", "Elapsed", "DurationMs", "Timestamp", "StartedAt", "ParentSpanIdHex", "Operation", "Failed", "Attributes", "TagObjects", "TraceIdUpper", "EndTime", "@event", "@class")),
        (2, Gen.Char['a', 'z'].Array[1, 8].Select(c => "x" + new string(c))));

    private static readonly Gen<string> Type = Gen.OneOf(
        "string", "string?", "byte[]?", "ReadOnlyMemory<byte>", "ulong", "long", "UInt128", "DateTime", "DateTimeOffset", "TimeSpan",
        "double", "float", "bool", "int", "short", "decimal", "Half", "int?", "double?", "decimal?", "Guid", "object?", "DayOfWeek",
        "Dictionary<string, string>?", "Dictionary<string, object?>?", "Dictionary<string, double>?", "IDictionary<string, string?>?",
        "IReadOnlyDictionary<string, decimal>?", "List<KeyValuePair<string, string>>?", "KeyValuePair<string, long>[]?",
        "Dictionary<int, string>?", "IEnumerable<KeyValuePair<string, object?>>?", "SortedList<string, float>?");

    private static readonly Gen<string> Attribute = Gen.Frequency(
        (6, Gen.Const("")),
        (1, Gen.Const("[SpanIgnore]")),
        (2, Gen.Enum<SpanField>().Select(f => $"[SpanField(SpanField.{f})]")),
        (2, Gen.OneOf("http.method", "k", "k", "", " ", "\\uD800", "a.\\\"b\\\"").Select(k => $"[SpanTag(\"{k}\")]")),
        (1, Gen.Const("[SpanTag(\"k\"), SpanIgnore]")));

    private static readonly Gen<string> Accessibility = Gen.OneOf("public", "public", "internal", "private", "protected", "protected internal", "private protected");

    private static readonly Gen<string> Form = Gen.OneOf("field", "field", "auto", "get", "arrow", "set");

    /// <summary>Anything goes: any name, any type, any attribute, sometimes static.</summary>
    private static readonly Gen<MemberShape> AnyMember =
        from name in Name
        from type in Type
        from attribute in Attribute
        from accessibility in Accessibility
        from form in Form
        from isStatic in Gen.Int[0, 9].Select(i => i == 0)
        select new MemberShape(name, type, attribute, accessibility, form, isStatic);

    /// <summary>Types each field reads, so that most random span types are valid and generate code.</summary>
    private static readonly string[][] FieldTypes =
    [
        ["string?", "string?", "byte[]?", "ReadOnlyMemory<byte>"], // Name
        ["string?", "ReadOnlyMemory<byte>"], // Service
        ["string?", "byte[]?"], // Resource
        ["string?"], // Type
        ["UInt128", "ulong", "long"], // TraceId
        ["ulong", "long"], // TraceIdHigh
        ["ulong", "long"], // TraceIdLow
        ["ulong", "long"], // SpanId
        ["ulong", "long"], // ParentId
        ["DateTime", "DateTimeOffset", "long", "ulong"], // Start
        ["TimeSpan", "double", "long", "ulong"], // Duration
        ["bool", "int"], // Error
        ["Dictionary<string, string>?", "Dictionary<string, object?>?", "IDictionary<string, string?>?", "List<KeyValuePair<string, string>>?"], // Meta
        ["Dictionary<string, double>?", "IReadOnlyDictionary<string, decimal>?", "KeyValuePair<string, long>[]?", "SortedList<string, float>?"], // Metrics
    ];

    /// <summary>A member named by a convention (one that reads all of its field's types), of a type its field reads.</summary>
    private static readonly Gen<MemberShape> ConventionMember = Gen.OneOf(SpanFieldTable.All.ToArray()).SelectMany(ConventionMemberOf);

    private static Gen<MemberShape> ConventionMemberOf(FieldRule rule) =>
        from name in Gen.OneOf(rule.Names.Where(n => !n.IsNarrowed).Select(n => n.Name).ToArray())
        from type in Gen.OneOf(FieldTypes[(int)rule.Field])
        from accessibility in Accessibility
        from form in Gen.OneOf("field", "auto", "get", "arrow")
        select new MemberShape(name, type, "", accessibility, form, IsStatic: false);

    /// <summary>A <c>[SpanTag]</c> member of an accepted type, its key derived from its name.</summary>
    private static readonly Gen<MemberShape> TagMember =
        from name in Name
        from type in Gen.OneOf("string?", "int", "long?", "double", "float?", "decimal", "Half?", "ulong", "sbyte")
        from accessibility in Accessibility
        from form in Gen.OneOf("field", "auto", "get", "arrow")
        select new MemberShape(name, type, $"[SpanTag(\"tag.{name.TrimStart('@')}\")]", accessibility, form, IsStatic: false);

    private static readonly Gen<MemberShape> Member = Gen.Frequency((6, ConventionMember), (2, TagMember), (1, AnyMember));

    /// <summary>Mostly one member per span field, so that most shapes are valid; the rest is noise.</summary>
    private static readonly Gen<MemberShape[]> Members =
        from name in ConventionMemberOf(SpanFieldTable.For(Model.SpanField.Name))
        from hasName in Gen.Int[0, 9].Select(i => i != 0)
        from others in Member.Array[0, 10]
        select (MemberShape[])[.. (hasName ? others.Prepend(name) : others).GroupBy(m => SpanFieldTable.Match(m.Name)?.Field.ToString() ?? m.Name).Select(g => g.First())];

    public static readonly Gen<SpanShape> Shape =
        from partial in Gen.Bool
        from modifier in Gen.OneOf("", "sealed", "abstract")
        from isRecord in Gen.Int[0, 5].Select(i => i == 0)
        from generic in Gen.Int[0, 19].Select(i => i == 0)
        from baseKind in Gen.OneOf("none", "none", "none", "plain", "generic", "marked")
        from baseMembers in Member.Array[0, 3]
        from container in Gen.OneOf("none", "none", "partial", "plain")
        from inNamespace in Gen.Bool
        from members in Members
        from language in Gen.Frequency((6, Gen.Const(LanguageVersion.Latest)), (1, Gen.Const(LanguageVersion.CSharp10)), (1, Gen.Const(LanguageVersion.CSharp11)))
        from net80 in Gen.Int[0, 5].Select(i => i == 0)
        from allowUnsafe in Gen.Int[0, 5].Select(i => i != 0)
        select new SpanShape(partial, modifier, isRecord, generic, baseKind, baseMembers, container, inNamespace, members, language, net80, allowUnsafe);

    private static readonly string[] Tokens = ["{", "}", ";", "[", "]", "(", ")", "\"", "<", ">", "SpanField.", "[SpanTag(", "partial ", "static ", "=>", "?", ",", "new ", ":"];

    /// <summary>A random span type, cut short, with a stretch deleted, or with a stray token, as in an editor mid-keystroke.</summary>
    public static readonly Gen<string> Broken =
        from source in Shape.Select(s => s.Render())
        from mutation in Gen.Int[0, 2]
        from start in Gen.Double[0, 1]
        from length in Gen.Int[1, 40]
        from token in Gen.OneOf(Tokens)
        select Mutate(source, mutation, (int)(start * source.Length), length, token);

    private static string Mutate(string source, int mutation, int at, int length, string token) => mutation switch
    {
        0 => source[..at],
        1 => source.Remove(at, System.Math.Min(length, source.Length - at)),
        _ => source.Insert(at, token),
    };
}
