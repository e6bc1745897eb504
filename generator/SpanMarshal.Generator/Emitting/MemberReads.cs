using System.Collections.Generic;
using System.Linq;
using SpanMarshal.Generator.Model;

namespace SpanMarshal.Generator.Emitting;

/// <summary>How generated code reads a member, directly or through its <c>UnsafeAccessor</c>.</summary>
internal static class MemberReads
{
    public static string Read(MemberReadSpec member) => member.Access switch
    {
        MemberAccessKind.Direct => "span." + member.Name,
        _ when member.GenericOwner is { } owner => $"{owner.Name}{owner.TypeArguments}.{AccessorName(member)}(span)",
        _ => AccessorName(member) + "(span)",
    };

    public static string AccessorName(MemberReadSpec member) => "Read" + member.Role + "_" + member.MetadataName;

    /// <summary>Writes the <c>UnsafeAccessor</c> declarations for members the marshaller cannot name.</summary>
    public static void WriteAccessors(SourceWriter writer, IReadOnlyList<MemberReadSpec> members)
    {
        foreach (MemberReadSpec member in members.Where(m => m.Access != MemberAccessKind.Direct && m.GenericOwner is null))
        {
            writer.Line();
            WriteAccessor(writer, member, "private");
        }

        foreach (IGrouping<GenericAccessorOwner, MemberReadSpec> group in members.Where(m => m.GenericOwner is not null).GroupBy(m => m.GenericOwner!))
        {
            GenericAccessorOwner owner = group.Key;
            writer.Line();
            string constraints = owner.Constraints.Length > 0 ? " " + owner.Constraints : string.Empty;
            writer.Open($"private static class {owner.Name}{owner.TypeParameters}{constraints}");
            bool first = true;
            foreach (MemberReadSpec member in group)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                WriteAccessor(writer, member, "internal");
            }

            writer.Close();
        }
    }

    private static void WriteAccessor(SourceWriter writer, MemberReadSpec member, string accessibility)
    {
        bool isField = member.Access == MemberAccessKind.FieldAccessor;
        string kind = isField ? "Field" : "Method";
        string target = isField ? member.MetadataName : "get_" + member.MetadataName;
        writer.Line($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.{kind}, Name = \"{target}\")]");
        writer.Line($"{accessibility} static extern {(isField ? "ref " : string.Empty)}{member.MemberType} {AccessorName(member)}({member.DeclaringType} span);");
    }
}
