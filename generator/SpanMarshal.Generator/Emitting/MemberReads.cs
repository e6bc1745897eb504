using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Emitting;

/// <summary>How generated code reads a member, directly or through its <c>UnsafeAccessor</c>.</summary>
internal static class MemberReads
{
    public static string Read(MemberSpec member) => member.Access switch
    {
        MemberAccessKind.Direct => "span." + member.Name,
        _ => AccessorName(member) + "(span)",
    };

    public static string AccessorName(MemberSpec member) => "Read" + member.Field + "_" + member.MetadataName;

    /// <summary>Writes the <c>UnsafeAccessor</c> declarations for members the marshaller cannot name.</summary>
    public static void WriteAccessors(SourceWriter writer, EquatableArray<MemberSpec> members)
    {
        foreach (MemberSpec member in members)
        {
            if (member.Access == MemberAccessKind.Direct)
            {
                continue;
            }

            bool isField = member.Access == MemberAccessKind.FieldAccessor;
            string kind = isField ? "Field" : "Method";
            string target = isField ? member.MetadataName : "get_" + member.MetadataName;
            writer.Line();
            writer.Line($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.{kind}, Name = \"{target}\")]");
            writer.Line($"private static extern {(isField ? "ref " : string.Empty)}{member.MemberType} {AccessorName(member)}({member.DeclaringType} span);");
        }
    }
}
