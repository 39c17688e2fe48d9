using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CxMetrics.Commerce;
using CxMetrics.Portable;

namespace CxMetrics.Internal;

/// <summary>
/// The customers of an order tally (<see cref="Retention.CohortTally"/>, <see cref="Lifetime.CustomerSummaryTally"/>):
/// their ids at dense indices 0, 1, 2, …, the id → index dictionary, and the memory of a caller's dictionary-encoded ids
/// (a reader's dense customer index): code → index, so an id is looked up by string once per customer, not once per order.
/// </summary>
/// <remarks>
/// The id → index dictionary is built lazily. While every customer arrives through the codes of one
/// <see cref="IDistinctIdList"/> (whose ids are distinct by contract), a new code is simply the next index, the ids are the
/// caller's strings held by reference, and no dictionary is kept. Any other source of customers — an id, a second
/// dictionary, a merge, or a code of a plain list that may repeat an id — builds the dictionary first, so a repeated id is
/// one customer. The code memory belongs to one dictionary at a time (by reference); a different one starts it afresh. A
/// dictionary may grow, but an entry once given must keep its id.
/// </remarks>
internal sealed class CustomerCodeMap
{
    private readonly List<string> ids = [];
    private Dictionary<string, int>? index;
    private object? distinctOwner; // the distinct dictionary whose codes added every customer while index is null
    private object? owner;
    private int[] map = [];
    private bool identity; // every customer came from the owner's codes in code order: code c is customer c (no map read needed)

    /// <summary>How many customers.</summary>
    public int Count => ids.Count;

    /// <summary>The (stored) id of customer <paramref name="customer"/>.</summary>
    /// <param name="customer">The dense index.</param>
    public string this[int customer] => ids[customer];

    /// <summary>Whether the id → index dictionary exists (false while only a distinct dictionary's codes added customers); for tests.</summary>
    internal bool HasIdIndex => index is not null;

    /// <summary>The ids in index order, copied.</summary>
    /// <returns>A new array.</returns>
    public string[] CopyIds() => [.. ids];

    /// <summary>The index of the customer with (stored) id <paramref name="id"/>, added when new.</summary>
    /// <param name="id">The id as stored (already pseudonymised, when the tally pseudonymises).</param>
    /// <returns>The dense index.</returns>
    public int IndexOf(string id)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index ??= BuildIndex(), id, out bool exists);
        if (!exists)
        {
            LeaveIdentity();
            slot = ids.Count;
            ids.Add(id);
        }

        return slot;
    }

    /// <summary>
    /// Resolves or refuses one dictionary-encoded order: finds the customer of <paramref name="code"/> (adding them, with
    /// their id pseudonymised once, when the code is new), after checking the code, the id, the amount and the currency.
    /// Everything is checked before anything changes, so a refused order adds no customer.
    /// </summary>
    /// <param name="dictionary">The caller's ids.</param>
    /// <param name="code">The position of the order's customer in <paramref name="dictionary"/>.</param>
    /// <param name="amount">The order value, which must be ≥ 0.</param>
    /// <param name="currency">The order's ISO 4217 currency.</param>
    /// <param name="tallyCurrency">The tally's currency so far (<c>null</c> before its first order).</param>
    /// <param name="pseudonymiser">The tally's pseudonymiser, or <c>null</c>.</param>
    /// <returns>The customer's dense index.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The code is outside the dictionary, or the amount negative.</exception>
    /// <exception cref="ArgumentException">The id at the code is empty, or the currency malformed.</exception>
    /// <exception cref="InvalidOperationException">The currency differs from <paramref name="tallyCurrency"/>.</exception>
    public int Resolve(IReadOnlyList<string> dictionary, int code, decimal amount, string currency, string? tallyCurrency, IdPseudonymiser? pseudonymiser)
    {
        int customer = Find(dictionary, code);
        string? newId = customer < 0 ? IdAt(dictionary, code) : null;
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"order amount {amount} (customer '{dictionary[code]}') is negative; record refunds separately.");
        }

        CheckCurrency(currency, tallyCurrency, "the order added");
        return newId is null ? customer : Add(dictionary, code, newId, pseudonymiser);
    }

    /// <summary>
    /// Checks a batch of dictionary-encoded orders as <see cref="Resolve"/> checks one (each code inside the dictionary, the
    /// id at each code not seen yet non-empty, each amount ≥ 0) and their currency, changing nothing; the caller then
    /// resolves the rows in order with <see cref="ResolveCheckedRange"/>, so a refused batch adds no customer.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A code is outside the dictionary, or an amount negative.</exception>
    /// <exception cref="ArgumentException">The id at a code is empty, or the currency malformed.</exception>
    /// <exception cref="InvalidOperationException">The currency differs from <paramref name="tallyCurrency"/>.</exception>
    public void CheckRange(IReadOnlyList<string> dictionary, ReadOnlySpan<int> codes, ReadOnlySpan<decimal> amounts, string currency, string? tallyCurrency)
    {
        Own(dictionary);
        for (int i = 0; i < codes.Length; i++)
        {
            int code = codes[i];
            if (FindOwned(code) < 0)
            {
                IdAt(dictionary, code, codeName: "customerCodes");
            }

            // decimal.IsNegative reads the sign bit; −0 carries it but is not below zero.
            if (decimal.IsNegative(amounts[i]) && amounts[i] != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(amounts), amounts[i], $"order amount {amounts[i]} at position {i} (customer '{dictionary[code]}') is negative; record refunds separately.");
            }
        }

        CheckCurrency(currency, tallyCurrency, "the orders added");
    }

    /// <summary>
    /// The customers of a batch of codes that <see cref="CheckRange"/> accepted, in order (a new code adds its customer,
    /// with their id pseudonymised once, before the next row is resolved), into <paramref name="customers"/>.
    /// </summary>
    public void ResolveCheckedRange(IReadOnlyList<string> dictionary, ReadOnlySpan<int> codes, Span<int> customers, IdPseudonymiser? pseudonymiser)
    {
        Own(dictionary);
        customers = customers[..codes.Length];
        for (int k = 0; k < codes.Length; k++)
        {
            int code = codes[k];
            int customer = FindOwned(code);
            customers[k] = customer >= 0 ? customer : Add(dictionary, code, dictionary[code], pseudonymiser);
        }
    }

    private static void CheckCurrency(string currency, string? tallyCurrency, string what)
    {
        if (!ReferenceEquals(tallyCurrency, currency))
        {
            CurrencyCode.Validate(currency);
            if (tallyCurrency is not null)
            {
                CurrencyCode.EnsureSame(tallyCurrency, currency, what);
            }
        }
    }

    /// <summary>Adds the customer of a new code.</summary>
    private int Add(IReadOnlyList<string> dictionary, int code, string newId, IdPseudonymiser? pseudonymiser)
    {
        int customer;
        newId = pseudonymiser?.Pseudonymise(newId) ?? newId; // once per new code
        if (index is null && dictionary is IDistinctIdList && (ids.Count == 0 || ReferenceEquals(distinctOwner, dictionary)))
        {
            distinctOwner = dictionary;
            customer = ids.Count;
            if (code != customer)
            {
                LeaveIdentity();
            }

            ids.Add(newId);
        }
        else
        {
            customer = IndexOf(newId);
        }

        Remember(code, customer);
        return customer;
    }

    private int Find(IReadOnlyList<string> dictionary, int code)
    {
        Own(dictionary);
        return FindOwned(code);
    }

    /// <summary>Makes <paramref name="dictionary"/> the one whose codes are remembered (a different one starts afresh).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Own(IReadOnlyList<string> dictionary)
    {
        if (!ReferenceEquals(owner, dictionary))
        {
            ArgumentNullException.ThrowIfNull(dictionary);
            owner = dictionary;
            map = [];
            identity = ids.Count == 0;
        }
    }

    /// <summary>The customer of a code of the owned dictionary, or −1 when the code is new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindOwned(int code)
    {
        if (identity)
        {
            // A reader's codes arrive in first-seen order, so while they are 0, 1, 2, … the customers are too: the seen
            // codes are exactly 0 … Count − 1 and code c is customer c (one random read fewer per order, and no map kept).
            return (uint)code < (uint)ids.Count ? code : -1;
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

    private void Remember(int code, int customer)
    {
        if (identity)
        {
            if (code == customer)
            {
                return; // code c is customer c: nothing to remember while that holds
            }

            LeaveIdentity();
        }

        if (map.Length <= code)
        {
            Array.Resize(ref map, Math.Max(Math.Max(16, map.Length * 2), code + 1));
        }

        map[code] = customer + 1; // 0 = not seen
    }

    /// <summary>
    /// Writes down the code → customer memory that identity implied (code c is customer c for every customer so far)
    /// before a customer arrives otherwise; called before that customer is added.
    /// </summary>
    private void LeaveIdentity()
    {
        if (!identity)
        {
            return;
        }

        identity = false;
        int n = ids.Count;
        map = new int[Math.Max(16, n)];
        for (int c = 0; c < n; c++)
        {
            map[c] = c + 1; // 0 = not seen
        }
    }

    /// <summary>The id → index dictionary of the customers so far (when they came by the codes of a distinct dictionary only, it is built once here).</summary>
    private Dictionary<string, int> BuildIndex()
    {
        var built = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        for (int i = 0; i < ids.Count; i++)
        {
            if (!built.TryAdd(ids[i], i))
            {
                throw new InvalidOperationException($"customer id '{ids[i]}' is at two positions of the customer dictionary its orders were added by, which declared its ids distinct ({nameof(IDistinctIdList)}); such a dictionary must hold each id once.");
            }
        }

        distinctOwner = null;
        return built;
    }
}
