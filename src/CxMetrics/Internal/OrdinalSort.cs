namespace CxMetrics.Internal;

/// <summary>
/// Sorts distinct ids ordinally (as <see cref="StringComparer.Ordinal"/>) with an item each, faster than
/// <c>Array.Sort(ids, items, StringComparer.Ordinal)</c> for many ids: first by a 64-bit key of each id's first four
/// UTF-16 units (a primitive sort, no string comparison), then each run of equal keys by the key of the next four units,
/// and only what is still tied by the ordinal comparison. Ids of one shape (<c>c0425297</c>: a million of them share a
/// thousand first keys) are then ordered by primitive sorts alone.
/// </summary>
/// <remarks>
/// The key orders two ids as the ordinal comparison does whenever the keys differ: the first differing unit decides, and
/// an id that ends is padded with U+0000, which sorts it before any longer id with the same start (an id holding U+0000
/// there gets an equal key and the run's ordinal sort decides). Within a run of equal first keys the same holds for the
/// next four units: ids that differ in the first four differ in the first key, and an id shorter than four units has a
/// second key of 0, which sorts it before the longer ids of its run (their units 0–3 beyond its end are U+0000) or ties.
/// The ids must be distinct, so the order is unique.
/// </remarks>
internal static class OrdinalSort
{
    /// <summary>Below this many ids the ordinal sort alone is used.</summary>
    private const int Small = 64;

    /// <summary>Sorts <paramref name="ids"/> (distinct) ordinally, moving <paramref name="items"/> with them.</summary>
    public static void Sort(string[] ids, int[] items)
    {
        int n = ids.Length;
        if (n < Small)
        {
            Array.Sort(ids, items, StringComparer.Ordinal);
            return;
        }

        var keys = new ulong[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = Key(ids[i], 0);
            order[i] = i;
        }

        Array.Sort(keys, order);
        var sortedIds = new string[n];
        var sortedItems = new int[n];
        for (int i = 0; i < n; i++)
        {
            sortedIds[i] = ids[order[i]];
            sortedItems[i] = items[order[i]];
        }

        var runIds = Array.Empty<string>();
        var runItems = Array.Empty<int>();
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }

            int length = end - start;
            if (length > 1)
            {
                // The run shares its first key: order it by the next four units (keys and order are free to reuse here).
                var runKeys = keys.AsSpan(start, length);
                var runOrder = order.AsSpan(start, length);
                for (int i = 0; i < length; i++)
                {
                    runKeys[i] = Key(sortedIds[start + i], 4);
                    runOrder[i] = i;
                }

                runKeys.Sort(runOrder);
                if (runIds.Length < length)
                {
                    runIds = new string[Math.Max(length, 2 * runIds.Length)];
                    runItems = new int[runIds.Length];
                }

                for (int i = 0; i < length; i++)
                {
                    runIds[i] = sortedIds[start + runOrder[i]];
                    runItems[i] = sortedItems[start + runOrder[i]];
                }

                runIds.AsSpan(0, length).CopyTo(sortedIds.AsSpan(start));
                runItems.AsSpan(0, length).CopyTo(sortedItems.AsSpan(start));
                for (int from = 0; from < length;)
                {
                    int to = from + 1;
                    while (to < length && runKeys[to] == runKeys[from])
                    {
                        to++;
                    }

                    if (to - from > 1)
                    {
                        Array.Sort(sortedIds, sortedItems, start + from, to - from, StringComparer.Ordinal);
                    }

                    from = to;
                }
            }

            start = end;
        }

        sortedIds.CopyTo(ids, 0);
        sortedItems.CopyTo(items, 0);
    }

    /// <summary>The four UTF-16 units from <paramref name="offset"/>, the first in the highest 16 bits, missing ones 0.</summary>
    private static ulong Key(string id, int offset)
    {
        ulong key = 0;
        int length = Math.Min(id.Length - offset, 4);
        for (int j = 0; j < length; j++)
        {
            key |= (ulong)id[offset + j] << (48 - (16 * j));
        }

        return key;
    }
}
