using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace SpanMarshal.Generator.Tests.Properties;

/// <summary>One member of a random span type.</summary>
internal sealed record MemberShape(string Name, string Type, string Attribute, string Accessibility, string Form, bool IsStatic)
{
    public string Render()
    {
        string modifiers = Accessibility + (IsStatic ? " static" : "");
        return Form switch
        {
            "field" => $"{Attribute} {modifiers} {Type} {Name};",
            "auto" => $"{Attribute} {modifiers} {Type} {Name} {{ get; set; }}",
            "get" => $"{Attribute} {modifiers} {Type} {Name} {{ get; }}",
            "arrow" => $"{Attribute} {modifiers} {Type} {Name} => default!;",
            _ => $"{Attribute} {modifiers} {Type} {Name} {{ set {{ }} }}",
        };
    }
}

/// <summary>
/// A random span type with its surroundings: a base class (plain, generic, or itself marked), a
/// containing class (partial or not), a namespace or none, and the project's C# version and target.
/// </summary>
internal sealed record SpanShape(
    bool Partial,
    string Modifier,
    bool Record,
    bool Generic,
    string Base,
    MemberShape[] BaseMembers,
    string Container,
    bool InNamespace,
    MemberShape[] Members,
    LanguageVersion Language,
    bool Net80,
    bool AllowUnsafe)
{
    public string Render()
    {
        var source = new StringBuilder("#nullable enable\nusing System;\nusing System.Collections.Generic;\nusing SpanMarshal;\n");
        if (InNamespace)
        {
            source.Append("namespace Random.Spans {\n");
        }

        string baseClause = Base switch
        {
            "plain" => " : SpanBase",
            "generic" => " : SpanBase<int>",
            "marked" => " : SpanBase",
            _ => "",
        };
        if (Base != "none")
        {
            string attribute = Base == "marked" ? "[GenerateTraceMarshaller] " : "";
            string typeParameters = Base == "generic" ? "<T>" : "";
            source.Append(CultureInfo.InvariantCulture, $"{attribute}public {(Record ? "record" : "class")} SpanBase{typeParameters} {{ {string.Join(" ", Unique(BaseMembers).Select(m => m.Render()))} }}\n");
        }

        if (Container != "none")
        {
            source.Append(CultureInfo.InvariantCulture, $"public {(Container == "partial" ? "partial " : "")}class Outer {{\n");
        }

        string kind = Record ? "record" : "class";
        string typeParameter = Generic ? "<T>" : "";
        source.Append(CultureInfo.InvariantCulture, $"[GenerateTraceMarshaller]\npublic {Modifier} {(Partial ? "partial " : "")}{kind} RandomSpan{typeParameter}{baseClause}\n{{\n");
        foreach (MemberShape member in Unique(Members))
        {
            source.Append("    ").Append(member.Render()).Append('\n');
        }

        source.Append("}\n");
        if (Container != "none")
        {
            source.Append("}\n");
        }

        if (InNamespace)
        {
            source.Append("}\n");
        }

        return source.ToString();
    }

    /// <summary>One member per name: two of one name are the user's compile error, not ours.</summary>
    private static IEnumerable<MemberShape> Unique(MemberShape[] members) => members.GroupBy(m => m.Name).Select(g => g.First());
}
