using Microsoft.CodeAnalysis.CSharp;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Emitting;

/// <summary>
/// Writes one <c>SetMeta</c>/<c>SetMetric</c> call per <c>[SpanTag]</c> member, its key a <c>u8</c>
/// literal: the compiler stores the UTF-8 bytes in the assembly, so no key is looked up or
/// transcoded per span.
/// </summary>
internal static class TagMemberEmitter
{
    public static void Write(SourceWriter writer, EquatableArray<TagMemberSpec> tags)
    {
        // Numbered per local declared, so the names run tag0, tag1, ... without gaps.
        int locals = 0;
        foreach (TagMemberSpec tag in tags)
        {
            string key = Utf8Literal(tag.Key);
            string read = MemberReads.Read(tag.Read);
            if (tag.Kind == TagValueKind.Number)
            {
                writer.Line($"sink.SetMetric({key}, {ToDouble(tag.CastToDouble)}{read});");
            }
            else
            {
                // Read once, and send nothing for null. A pattern variable in an if condition is in
                // scope for the rest of the enclosing block, so each gets its own name.
                string local = "tag" + locals++;
                writer.Open($"if ({read} is {{ }} {local})");
                writer.Line(tag.Kind == TagValueKind.String ? $"sink.SetMeta({key}, {local});" : $"sink.SetMetric({key}, {ToDouble(tag.CastToDouble)}{local});");
                writer.Close();
            }
        }
    }

    /// <summary>The cast in front of a metric value that C# does not convert to <c>double</c> implicitly (<c>decimal</c>, <c>Half</c>).</summary>
    public static string ToDouble(bool cast) => cast ? "(double)" : string.Empty;

    /// <summary>The key as a C# string literal with quotes, backslashes and non-printable characters escaped.</summary>
    private static string Utf8Literal(string key) => SymbolDisplay.FormatLiteral(key, quote: true) + "u8";
}
