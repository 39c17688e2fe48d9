namespace CxMetrics.Internal;

/// <summary>
/// A stable sort of a range of <see cref="double"/> keys ascending with an <see cref="int"/> item each (a merge sort over
/// insertion-sorted runs: equal keys keep their order). Written out for these two types rather than calling
/// <c>Array.Sort&lt;double, int&gt;</c>, whose instantiation lives outside this assembly, so that an application published
/// ReadyToRun runs it precompiled (the set-up of a small first fit compiles nothing at run time). No NaN keys.
/// </summary>
internal static class StableKeySort
{
    /// <summary>Runs this short are sorted by insertion before the merges.</summary>
    private const int Run = 16;

    /// <summary>Sorts <paramref name="keys"/>[from, from + count) ascending, moving <paramref name="items"/> alongside.</summary>
    public static void Sort(double[] keys, int[] items, int from, int count)
    {
        int end = from + count;
        for (int lo = from; lo < end; lo += Run)
        {
            InsertionSort(keys, items, lo, Math.Min(end, lo + Run));
        }

        if (count <= Run)
        {
            return;
        }

        double[] sourceKeys = keys, targetKeys = new double[count];
        int[] sourceItems = items, targetItems = new int[count];
        int sourceOffset = from, targetOffset = 0;
        for (int width = Run; width < count; width *= 2)
        {
            for (int lo = 0; lo < count; lo += 2 * width)
            {
                int mid = Math.Min(count, lo + width), hi = Math.Min(count, lo + (2 * width));
                int i = lo, j = mid, o = lo;
                while (i < mid && j < hi)
                {
                    // Strictly less from the right run only: ties keep the left run's (earlier) item first.
                    bool right = sourceKeys[sourceOffset + j] < sourceKeys[sourceOffset + i];
                    int take = right ? j++ : i++;
                    targetKeys[targetOffset + o] = sourceKeys[sourceOffset + take];
                    targetItems[targetOffset + o++] = sourceItems[sourceOffset + take];
                }

                for (; i < mid; i++, o++)
                {
                    targetKeys[targetOffset + o] = sourceKeys[sourceOffset + i];
                    targetItems[targetOffset + o] = sourceItems[sourceOffset + i];
                }

                for (; j < hi; j++, o++)
                {
                    targetKeys[targetOffset + o] = sourceKeys[sourceOffset + j];
                    targetItems[targetOffset + o] = sourceItems[sourceOffset + j];
                }
            }

            (sourceKeys, targetKeys) = (targetKeys, sourceKeys);
            (sourceItems, targetItems) = (targetItems, sourceItems);
            (sourceOffset, targetOffset) = (targetOffset, sourceOffset);
        }

        if (sourceKeys != keys)
        {
            Array.Copy(sourceKeys, sourceOffset, keys, from, count);
            Array.Copy(sourceItems, sourceOffset, items, from, count);
        }
    }

    private static void InsertionSort(double[] keys, int[] items, int from, int to)
    {
        for (int i = from + 1; i < to; i++)
        {
            double key = keys[i];
            int item = items[i], j = i - 1;
            for (; j >= from && keys[j] > key; j--)
            {
                keys[j + 1] = keys[j];
                items[j + 1] = items[j];
            }

            keys[j + 1] = key;
            items[j + 1] = item;
        }
    }
}
