using System;
using System.Collections.Generic;
using System.Text;

namespace SpanMarshal.Generator.Tests.Infrastructure;

/// <summary>A minimal line diff (longest common subsequence) that shows only changed lines, with line numbers.</summary>
internal static class LineDiff
{
    public static string Format(string expected, string actual)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        int[,] common = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var lines = new List<string>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
            {
                lines.Add($"-{x + 1,4}: {a[x++]}");
            }
            else
            {
                lines.Add($"+{y + 1,4}: {b[y++]}");
            }
        }

        var builder = new StringBuilder();
        foreach (string line in lines)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }
}
