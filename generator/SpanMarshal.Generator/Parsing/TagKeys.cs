namespace SpanMarshal.Generator.Parsing;

/// <summary>Checks on a <c>[SpanTag]</c> key: generated code writes it as a C# <c>u8</c> literal.</summary>
internal static class TagKeys
{
    public static bool IsBlank(string? key)
    {
        if (key is null)
        {
            return true;
        }

        foreach (char c in key)
        {
            if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The index of the first surrogate without its partner, or -1. Such a key has no UTF-8 form,
    /// so its <c>u8</c> literal would not compile (CS9026).
    /// </summary>
    public static int LoneSurrogateIndex(string key)
    {
        for (int i = 0; i < key.Length; i++)
        {
            if (char.IsHighSurrogate(key[i]) && i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(key[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
