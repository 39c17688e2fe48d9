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
/// <see cref="IDistinctIdList"/> (whose ids are distinct and non-blank by contract), a new code is simply the next index,
/// the ids are the caller's strings held by reference, and no dictionary is kept. While, moreover, those codes arrive in
/// first-seen order (a reader's do) and no pseudonymiser renames them, the ids are not even read: customer c is the
/// list's id c, fetched when asked for (a reader's id table decodes an id only then), and copied into a list of their own
/// only when customers start to arrive otherwise. Any other source of customers — an id, a second
/// dictionary, a merge, or a code of a plain list that may repeat an id — builds the dictionary first, so a repeated id is
/// one customer. The code memory belongs to one dictionary at a time (by reference); a different one starts it afresh. A
/// dictionary may grow, but an entry once given must keep its id.
/// </remarks>
internal sealed class CustomerCodeMap
{
    private readonly List<string> ids = []; // empty while lent is
    private IReadOnlyList<string>? lender; // the distinct list whose ids 0 … lent − 1 are customers 0 … lent − 1, not copied
    private int lent;
    private Dictionary<string, int>? index;
    private object? distinctOwner; // the distinct dictionary whose codes added every customer while index is null
    private object? owner;
    private int[] map = [];
    private bool identity; // every customer came from the owner's codes in code order: code c is customer c (no map read needed)

    /// <summary>How many customers.</summary>
    public int Count => lender is null ? ids.Count : lent;

    /// <summary>The (stored) id of customer <paramref name="customer"/>.</summary>
    /// <param name="customer">The dense index.</param>
    /// <exception cref="InvalidOperationException">The id is a lent one and blank (its list broke the <see cref="IDistinctIdList"/> contract).</exception>
    public string this[int customer] => lender is null ? ids[customer] : Lent(customer);

    /// <summary>Whether the ids are still those of a distinct list, not read nor copied; for tests.</summary>
    internal bool IdsLent => lender is not null;

    /// <summary>Whether the id → index dictionary exists (false while only a distinct dictionary's codes added customers); for tests.</summary>
    internal bool HasIdIndex => index is not null;

    /// <summary>The ids in index order, copied.</summary>
    /// <returns>A new array.</returns>
    public string[] CopyIds()
    {
        if (lender is null)
        {
            return [.. ids];
        }

        var copy = new string[lent];
        for (int c = 0; c < copy.Length; c++)
        {
            copy[c] = Lent(c);
        }

        return copy;
    }

    /// <summary>The index of the customer with (stored) id <paramref name="id"/>, added when new.</summary>
    /// <param name="id">The id as stored (already pseudonymised, when the tally pseudonymises).</param>
    /// <returns>The dense index.</returns>
    public int IndexOf(string id)
    {
        OwnIds();
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
        if (customer < 0)
        {
            CheckNew(dictionary, code, lent: Lends(dictionary, pseudonymiser) && code == Count);
        }

        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"order amount {amount} (customer '{dictionary[code]}') is negative; record refunds separately.");
        }

        CheckCurrency(currency, tallyCurrency, "the order added");
        return customer >= 0 ? customer : Add(dictionary, code, pseudonymiser);
    }

    /// <summary>
    /// Checks a batch of dictionary-encoded orders as <see cref="Resolve"/> checks one (each code inside the dictionary, the
    /// id at each code not seen yet non-empty, each amount ≥ 0) and their currency, changing nothing; the caller then
    /// resolves the rows in order with <see cref="ResolveCheckedRange"/> (with the same pseudonymiser), so a refused batch
    /// adds no customer. The id of a code that will be lent (see the remarks) is not read: a distinct list's ids are
    /// non-blank by contract.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A code is outside the dictionary, or an amount negative.</exception>
    /// <exception cref="ArgumentException">The id at a code is empty, or the currency malformed.</exception>
    /// <exception cref="InvalidOperationException">The currency differs from <paramref name="tallyCurrency"/>.</exception>
    public void CheckRange(IReadOnlyList<string> dictionary, ReadOnlySpan<int> codes, ReadOnlySpan<decimal> amounts, string currency, string? tallyCurrency, IdPseudonymiser? pseudonymiser)
    {
        Own(dictionary);
        int lentFrom = Count, lentTo = Count; // the codes this batch will lend so far, while lending goes on
        bool lending = Lends(dictionary, pseudonymiser);
        for (int i = 0; i < codes.Length; i++)
        {
            int code = codes[i];
            if (FindOwned(code) < 0 && (code < lentFrom || code >= lentTo))
            {
                bool next = lending && code == lentTo;
                CheckNew(dictionary, code, lent: next, codeName: "customerCodes");
                lentTo += next ? 1 : 0;
                lending = next; // any other new code ends lending for the rest of the batch
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
            customers[k] = customer >= 0 ? customer : Add(dictionary, code, pseudonymiser);
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

    /// <summary>
    /// Checks a new code: inside the dictionary and, unless it is to be <paramref name="lent"/> (its id is then read only
    /// when asked for, so that a reader's id table need not decode it now), a non-blank id.
    /// </summary>
    private static void CheckNew(IReadOnlyList<string> dictionary, int code, bool lent, string codeName = "customerCode")
    {
        if (lent)
        {
            CheckCode(dictionary, code, codeName);
        }
        else
        {
            IdAt(dictionary, code, codeName: codeName);
        }
    }

    /// <summary>Throws unless <paramref name="code"/> is a position of <paramref name="dictionary"/>.</summary>
    private static void CheckCode(IReadOnlyList<string> dictionary, int code, string codeName)
    {
        if ((uint)code >= (uint)dictionary.Count)
        {
            throw new ArgumentOutOfRangeException(codeName, code, $"customer code {code} is outside the dictionary of {dictionary.Count} ids.");
        }
    }

    /// <summary>Whether the next new code of the owned <paramref name="dictionary"/>, if it is <see cref="Count"/>, is lent (see the remarks).</summary>
    private bool Lends(IReadOnlyList<string> dictionary, IdPseudonymiser? pseudonymiser) =>
        pseudonymiser is null && index is null && identity && dictionary is IDistinctIdList && (Count == 0 || ReferenceEquals(lender, dictionary));

    /// <summary>Adds the customer of a new code.</summary>
    private int Add(IReadOnlyList<string> dictionary, int code, IdPseudonymiser? pseudonymiser)
    {
        if (code == Count && Lends(dictionary, pseudonymiser))
        {
            // The next code of a distinct list in first-seen order: customer c is its id c, not read now (see the remarks).
            lender = dictionary;
            distinctOwner = dictionary;
            return lent++;
        }

        OwnIds();
        int customer;
        string newId = dictionary[code];
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
            identity = Count == 0;
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
            return (uint)code < (uint)Count ? code : -1;
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
        CheckCode(dictionary, code, codeName);
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
        int n = Count;
        map = new int[Math.Max(16, n)];
        for (int c = 0; c < n; c++)
        {
            map[c] = c + 1; // 0 = not seen
        }
    }

    /// <summary>A lent id, checked.</summary>
    private string Lent(int customer)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)customer, (uint)lent, nameof(customer));
        string id = lender![customer];
        return string.IsNullOrWhiteSpace(id)
            ? throw new InvalidOperationException($"customer id at position {customer} of the customer dictionary its orders were added by is blank, though the dictionary declared its ids distinct and non-blank ({nameof(IDistinctIdList)}).")
            : id;
    }

    /// <summary>Copies lent ids into the map's own list, before customers arrive otherwise than as a distinct list's next code.</summary>
    private void OwnIds()
    {
        if (lender is null)
        {
            return;
        }

        ids.AddRange(CopyIds()); // all read and checked before anything changes (a blank one throws)
        lender = null;
        lent = 0;
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
