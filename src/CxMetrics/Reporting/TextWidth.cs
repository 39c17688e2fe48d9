namespace CxMetrics.Reporting;

/// <summary>
/// How many terminal columns text takes (for aligning the text writer's tables): East Asian wide and full-width characters
/// and characters outside the Basic Multilingual Plane (emoji) take two, combining marks and zero-width characters none,
/// everything else one.
/// </summary>
internal static class TextWidth
{
    /// <summary>The columns <paramref name="text"/> takes.</summary>
    public static int Of(string text)
    {
        int width = 0;
        for (int i = 0; i < text.Length; i++)
        {
            width += Of(text, ref i);
        }

        return width;
    }

    /// <summary>The columns the longest space-separated word of <paramref name="text"/> takes.</summary>
    public static int LongestWord(string text)
    {
        int longest = 0;
        foreach (string word in text.Split(' '))
        {
            longest = Math.Max(longest, Of(word));
        }

        return longest;
    }

    /// <summary>
    /// <paramref name="text"/> in lines of at most <paramref name="width"/> columns: broken after spaces where it can be, a
    /// word longer than the width cut; trailing spaces of a line dropped. One line when it fits.
    /// </summary>
    public static List<string> Wrap(string text, int width)
    {
        if (Of(text) <= width)
        {
            return [text];
        }

        var lines = new List<string>();
        int start = 0;
        while (start < text.Length)
        {
            int used = 0;
            int end = start;
            int lastBreak = -1;
            while (end < text.Length)
            {
                int at = end;
                int w = Of(text, ref at);
                if (used + w > width)
                {
                    break;
                }

                used += w;
                end = at + 1;
                if (text[at] == ' ')
                {
                    lastBreak = end;
                }
            }

            // A line that ends right before a space ends with a whole word; else it breaks after its last space, if any.
            if (end < text.Length && text[end] != ' ' && lastBreak > start)
            {
                end = lastBreak;
            }
            else if (end == start)
            {
                end = start + (char.IsHighSurrogate(text[start]) && start + 1 < text.Length ? 2 : 1);
            }

            lines.Add(text[start..end].TrimEnd(' '));
            start = end;
            while (start < text.Length && text[start] == ' ')
            {
                start++;
            }
        }

        return lines;
    }

    private static int Of(string text, ref int i)
    {
        char c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            i++;
            return 2;
        }

        return c switch
        {
            >= '\u0300' and <= '\u036F' or '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or >= '\uFE00' and <= '\uFE0F' => 0,
            >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3' or >= '\uF900' and <= '\uFAFF'
                or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6' => 2,
            _ => 1,
        };
    }
}
