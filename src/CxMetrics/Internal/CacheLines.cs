using System.Runtime.CompilerServices;

namespace CxMetrics.Internal;

/// <summary>
/// Software pipelining for a tally's batch fold: the per-customer state of a batch of rows is loaded in one tight loop
/// before the rows are folded, so that the cache misses of a large customer base (a random customer per row) are in
/// flight together instead of one after another as each row's fold waits for its state.
/// </summary>
internal static class CacheLines
{
    // Where the loads' sum goes, so that the loads are not dropped as dead code.
    private static int sink;

    /// <summary>Loads one byte of <paramref name="array"/>'s element at each of <paramref name="indexes"/> (each inside the array).</summary>
    public static void Touch<T>(T[] array, ReadOnlySpan<int> indexes)
        where T : struct
    {
        int sum = 0;
        foreach (int i in indexes)
        {
            sum += Unsafe.As<T, byte>(ref array[i]);
        }

        sink = sum;
    }

    /// <summary>Keeps a sum of loads made only for their cache effect (see <see cref="Touch{T}"/>).</summary>
    public static void Keep(int loaded) => sink = loaded;
}
