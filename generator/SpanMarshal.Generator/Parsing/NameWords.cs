using System.Collections.Generic;
using System.Text;

namespace SpanMarshal.Generator.Parsing;

/// <summary>Splits member names into lower-case words, for telling what a name that matches no convention is about.</summary>
internal static class NameWords
{
    /// <summary>
    /// <c>StartTimeUnixNano</c> is start, time, unix, nano; <c>parent_span_ID</c> is parent, span, id;
    /// <c>HTTPStatus2</c> is http, status, 2.
    /// </summary>
    public static HashSet<string> Split(string name)
    {
        var words = new HashSet<string>(System.StringComparer.Ordinal);
        var word = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(words, word);
                continue;
            }

            if (word.Length > 0 && StartsWord(name, i))
            {
                Flush(words, word);
            }

            word.Append(char.ToLowerInvariant(c));
        }

        Flush(words, word);
        return words;
    }

    private static bool StartsWord(string name, int i)
    {
        char previous = name[i - 1];
        char c = name[i];
        return (char.IsDigit(c) != char.IsDigit(previous))
            || (char.IsUpper(c) && char.IsLower(previous))
            // The last capital of an acronym starts the next word: HTTPStatus is HTTP, Status.
            || (char.IsUpper(c) && char.IsUpper(previous) && i + 1 < name.Length && char.IsLower(name[i + 1]));
    }

    private static void Flush(HashSet<string> words, StringBuilder word)
    {
        if (word.Length > 0)
        {
            words.Add(word.ToString());
            word.Clear();
        }
    }
}
