using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Emitting;

/// <summary>Writes the loops that add meta, metrics and tag-bag entries after the span starts.</summary>
internal static class TagEmitter
{
    private const string Generic = "global::System.Collections.Generic";

    public static void Write(SourceWriter writer, TagCollectionSpec tags)
    {
        string local = tags.Field == SpanField.Meta ? "meta" : "metrics";
        writer.Line($"var {local} = {MemberReads.Read(tags.Read)};");
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
                WriteLoop(writer, tags, local + "Dictionary");
                writer.Close();
                writer.Open("else");
                WriteLoop(writer, tags, local);
                writer.Close();
                break;
            case EnumerationKind.Interface:
                WriteLoop(writer, tags, $"({Generic}.IEnumerable<{Generic}.KeyValuePair<string, {tags.ValueType}>>){local}");
                break;
            default:
                WriteLoop(writer, tags, local);
                break;
        }

        if (checkNull)
        {
            writer.Close();
        }
    }

    private static void WriteLoop(SourceWriter writer, TagCollectionSpec tags, string collection)
    {
        writer.Open($"foreach (var tag in {collection})");
        writer.Line(tags.Kind switch
        {
            CollectionKind.StringTags => "sink.SetMeta(tag.Key, tag.Value);",
            CollectionKind.TagBag => $"{KnownNames.Marshalling}.TagValues.Write(ref sink, tag.Key, tag.Value);",
            _ => $"sink.SetMetric(tag.Key, {TagMemberEmitter.ToDouble(tags.CastToDouble)}tag.Value);",
        });
        writer.Close();
    }
}
