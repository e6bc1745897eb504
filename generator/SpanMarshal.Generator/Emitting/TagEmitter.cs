using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Emitting;

/// <summary>Writes the loops that add meta, metrics and tag-bag entries after the span starts.</summary>
internal static class TagEmitter
{
    private const string Generic = "global::System.Collections.Generic";

    public static void Write(SourceWriter writer, MemberSpec member)
    {
        TagCollectionSpec tags = member.Tags!;
        string local = member.Field == SpanFieldKind.Meta ? "meta" : "metrics";
        writer.Line($"var {local} = {MemberReads.Read(member.Read)};");
        bool checkNull = !tags.IsValueType;
        if (checkNull)
        {
            writer.Open($"if ({local} is not null)");
        }

        switch (tags.Enumeration)
        {
            case EnumerationKind.InterfaceWithDictionaryTest:
                // The interface's enumerator is boxed; Dictionary<,> (the common case) has a struct one.
                writer.Open($"if ({local} is {Generic}.Dictionary<string, {tags.ValueType}> {local}Dictionary)");
                WriteLoop(writer, member, local + "Dictionary");
                writer.Close();
                writer.Open("else");
                WriteLoop(writer, member, local);
                writer.Close();
                break;
            case EnumerationKind.Interface:
                WriteLoop(writer, member, $"({Generic}.IEnumerable<{Generic}.KeyValuePair<string, {tags.ValueType}>>){local}");
                break;
            default:
                WriteLoop(writer, member, local);
                break;
        }

        if (checkNull)
        {
            writer.Close();
        }
    }

    private static void WriteLoop(SourceWriter writer, MemberSpec member, string collection)
    {
        writer.Open($"foreach (var tag in {collection})");
        writer.Line(member.Kind switch
        {
            ValueKind.StringTags => "sink.SetMeta(tag.Key, tag.Value);",
            ValueKind.TagBag => $"{KnownNames.Marshalling}.TagValues.Write(ref sink, tag.Key, tag.Value);",
            _ => "sink.SetMetric(tag.Key, tag.Value);",
        });
        writer.Close();
    }
}
