namespace CxMetrics.Internal;

/// <summary>
/// A tally's memory of a caller's dictionary-encoded customer ids (a reader's dense customer index): code → the tally's own
/// customer index, so an id is looked up by string once per customer, not once per order. It belongs to one dictionary at
/// a time (by reference); a different dictionary starts it afresh. The dictionary may grow, but an entry once given must
/// keep its id.
/// </summary>
internal sealed class CustomerCodeMap
{
    private object? owner;
    private int[] map = [];

    /// <summary>The tally's index for <paramref name="code"/> of <paramref name="dictionary"/>, or -1 when not seen yet (then call <see cref="IdAt"/> and <see cref="Remember"/>).</summary>
    /// <param name="dictionary">The caller's distinct ids.</param>
    /// <param name="code">The position of the customer in <paramref name="dictionary"/>.</param>
    /// <returns>The tally's customer index, or -1.</returns>
    public int Find(IReadOnlyList<string> dictionary, int code)
    {
        if (!ReferenceEquals(owner, dictionary))
        {
            ArgumentNullException.ThrowIfNull(dictionary);
            owner = dictionary;
            map = [];
        }

        return (uint)code < (uint)map.Length ? map[code] - 1 : -1;
    }

    /// <summary>The id at <paramref name="code"/>, checked.</summary>
    /// <param name="dictionary">The caller's distinct ids.</param>
    /// <param name="code">The position of the customer in <paramref name="dictionary"/>.</param>
    /// <param name="dictionaryName">The caller's parameter name of <paramref name="dictionary"/>, for the exception.</param>
    /// <param name="codeName">The caller's parameter name of <paramref name="code"/>, for the exception.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="code"/> is outside the dictionary.</exception>
    /// <exception cref="ArgumentException">The id at <paramref name="code"/> is empty.</exception>
    public static string IdAt(IReadOnlyList<string> dictionary, int code, string dictionaryName = "customerDictionary", string codeName = "customerCode")
    {
        if ((uint)code >= (uint)dictionary.Count)
        {
            throw new ArgumentOutOfRangeException(codeName, code, $"customer code {code} is outside the dictionary of {dictionary.Count} ids.");
        }

        string id = dictionary[code];
        return string.IsNullOrWhiteSpace(id) ? throw new ArgumentException($"customer id at dictionary position {code} is empty.", dictionaryName) : id;
    }

    /// <summary>Remembers the tally's index of <paramref name="code"/> (after <see cref="Find"/> returned -1).</summary>
    /// <param name="code">The caller's code.</param>
    /// <param name="index">The tally's customer index.</param>
    public void Remember(int code, int index)
    {
        if (map.Length <= code)
        {
            Array.Resize(ref map, Math.Max(Math.Max(16, map.Length * 2), code + 1));
        }

        map[code] = index + 1; // 0 = not seen
    }
}
