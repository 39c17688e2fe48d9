using System.Buffers;
using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text;
using System.Text.Unicode;
using CxMetrics.Commerce;

namespace CxMetrics.Csv;

/// <summary>
/// Distinct ids (customer ids of an order file), each with a dense index 0, 1, 2, … in the order first seen: a dictionary
/// encoding. A reader looks ids up by their UTF-8 bytes and keeps each distinct id as those bytes, end to end in blocks,
/// so reading a file costs no string per id at all; an id becomes a <see cref="string"/> when it is first asked for (the
/// indexer, the enumeration), and that string is then kept and given to every later caller. A tally fed by the table's
/// codes (CxMetrics' <c>CustomerSummaryTally</c>, <c>CohortTally</c>) asks for an id only when it shows or exports the
/// customer, so a million customers streamed into a tally allocate no id string until their summaries are listed. Index
/// <c>i</c> stays <c>i</c> for the life of the table.
/// </summary>
/// <remarks>
/// One reader fills it; read it from the reading thread, or once the read has finished. A read that parses on a second
/// thread (<see cref="CsvReadOptions.ParseInBackground"/>) may look ids up and add them there, up to a few chunks of rows
/// ahead of the rows it hands out; what the reading thread sees — <see cref="Count"/>, the indexer, <see cref="IndexOf"/> and the
/// enumeration — grows a chunk at a time and always covers the rows handed out (at most one chunk, 4,096 rows, beyond
/// them). Once a read has ended or been disposed, the table holds every id that read looked up. Asking for ids as
/// strings from several threads at once, once they are visible, is safe.
/// <para><b>Numbered ids.</b> Shops number their customers: <c>17850</c>, <c>c0085522</c>, <c>CUST-000042</c>. An id made of
/// a prefix of at most 8 bytes and a run of 1–7 ASCII digits, whose prefix is that of the first such id the table added, is
/// found by its number (and its digit count, so <c>007</c> and <c>7</c> stay two ids) in pages of 1,024 entries (4 KB)
/// allocated as numbers arrive: direct addressing, as DuckDB's perfect-hash aggregate does for dense integer keys. A
/// million such ids take ≈ 4 MB there, against 32 MB of hash slots at half load, so a lookup stays within the processor's
/// caches and TLB instead of missing both on every row, and the hash table never grows for them. Every other id goes
/// to the hash slots. Which of the two holds an id depends only on its bytes and that first prefix, so the two never
/// hold the same id. The cost of sparse numbers is bounded: a page per number at worst (4 KB), and 44 MB when every
/// one of the 11,111,110 numbers of 1–7 digits has its page.</para>
/// </remarks>
public sealed class IdTable : IDistinctIdList
{
    private readonly ulong seed = (ulong)Random.Shared.NextInt64();
    private readonly bool deferred; // ids added become visible only through Publish (an OrderRows read), not at once
    private readonly Lock sync = new(); // held by whoever changes or searches the hash slots while a read may run on another thread
    // The ids' UTF-8 bytes: id i is spans[i] = (block << 32 | start, length) in blocks[block]; a block is filled end to end
    // and an id never straddles two (one longer than a block gets a block of its own). Both arrays grow by copying into a
    // larger one, so the reading thread may hold the old array: it holds every id that thread may see.
    private Utf8Span[] spans = new Utf8Span[16];
    private byte[][] blocks = [new byte[FirstBlock]];
    private int block; // the block being filled
    private int used; // bytes used in it
    private string?[] strings = []; // the ids asked for as strings so far, kept (written by whoever asks: see Decode)
    private int known; // ids held, visible or not: the adding thread's count
    private const int FirstBlock = 256; // then doubling, up to
    private const int LargestBlock = 1 << 20;
    // Open addressing, linear probing, two ulongs a slot: [2s] = (tag << 32) | (index + 1), 0 when empty; [2s + 1] = the
    // id's first 8 UTF-8 bytes (zero-padded). The tag is the hash with its low 4 bits replaced by the UTF-8 length (15 when
    // over 8), so for an id of at most 8 bytes the slot alone decides equality (one memory read per lookup); a longer id
    // is compared with its string after its tag and first bytes match. The home slot is the tag's upper 28 bits.
    private ulong[] buckets = new ulong[64];
    private int hashed; // ids in the hash slots (the others are numbered)
    // Numbered ids (see the remarks): the prefix their digits follow (UTF-8, at most 8 bytes, as a Utf8Cells.Prefix word) and
    // its length, −1 until the first id of that form is added; page p holds keys [1024p, 1024p + 1024): index + 1, 0 when
    // absent. (Pages of 256 entries were measurably slower on a million ids; of 4,096 or 16,384, no faster.)
    private ulong numberPrefix;
    private int numberPrefixLength = -1;
    private int[]?[] numberPages = [];

    /// <param name="deferred">
    /// When <c>true</c> (the table of an <see cref="OrderRows"/>), ids added become visible through <see cref="Publish"/>
    /// only, so that a reader may add them on another thread; otherwise each is visible once added.
    /// </param>
    internal IdTable(bool deferred = false)
    {
        this.deferred = deferred;
    }

    /// <summary>How many distinct ids the table holds.</summary>
    public int Count { get; private set; }

    /// <summary>How many ids have been added, visible or not (the adding thread's count).</summary>
    internal int Known => Volatile.Read(ref known);

    /// <summary>Held while the hash slots are searched or changed, when another thread may be doing the same.</summary>
    internal Lock Sync => sync;

    /// <summary>The id with dense index <paramref name="index"/>.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var kept = Volatile.Read(ref strings);
            return (uint)index < (uint)kept.Length && Volatile.Read(ref kept[index]) is { } id ? id : Decode(index);
        }
    }

    /// <summary>How many ids are in the hash slots, not numbered (see the remarks); for tests.</summary>
    internal int HashedCount => hashed;

    /// <summary>How many pages of numbered ids are allocated; for tests.</summary>
    internal int NumberPagesUsed => numberPages.Count(p => p is not null);

    /// <summary>How many ids are kept as strings (asked for, or given as one); for tests.</summary>
    internal int StringsKept => Volatile.Read(ref strings).Count(s => s is not null);

    /// <summary>The UTF-8 bytes of the id at <paramref name="index"/> (0 ≤ index &lt; <see cref="Known"/> on the adding thread, &lt; <see cref="Count"/> elsewhere).</summary>
    internal ReadOnlySpan<byte> BytesOf(int index)
    {
        var span = Volatile.Read(ref spans)[index];
        return Volatile.Read(ref blocks)[(int)(span.Location >> 32)].AsSpan((int)(uint)span.Location, span.Length);
    }

    /// <summary>
    /// The id at <paramref name="index"/> as a string, decoded from its bytes and kept. Any thread may ask once the id is
    /// visible to it: two threads asking at once may each decode it (equal strings; one is kept), and a string kept while
    /// another thread grows the array may be dropped and decoded again later — never a wrong or missing id.
    /// </summary>
    private string Decode(int index)
    {
        string id = Encoding.UTF8.GetString(BytesOf(index));
        Keep(index, id);
        return id;
    }

    /// <summary>Keeps <paramref name="id"/> as the string of the id at <paramref name="index"/> (from any thread, as <see cref="Decode"/> says).</summary>
    private void Keep(int index, string id)
    {
        var kept = Volatile.Read(ref strings);
        if (kept.Length <= index)
        {
            var larger = new string?[Math.Max(Math.Max(16, Math.Max(Count, index + 1)), kept.Length * 2)];
            Array.Copy(kept, larger, kept.Length);
            Interlocked.CompareExchange(ref strings, larger, kept);
            kept = Volatile.Read(ref strings);
        }

        if (index < kept.Length)
        {
            Volatile.Write(ref kept[index], id);
        }
    }

    /// <summary>The dense index of <paramref name="id"/>, or -1 when the table does not hold it (ids compare ordinally).</summary>
    /// <param name="id">The id.</param>
    /// <returns>The index, or -1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <c>null</c>.</exception>
    public int IndexOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        byte[] utf8 = Utf8Of(id, out int length);
        var span = utf8.AsSpan(0, length);
        int found;
        lock (sync)
        {
            found = Find(span, Hash(span));
        }

        ArrayPool<byte>.Shared.Return(utf8);
        return found < Count ? found : -1; // an id a read has added ahead of the rows it handed out is not there yet
    }

    /// <summary>
    /// Makes the first <paramref name="upTo"/> ids visible (on the reading thread, after the thread that added them handed
    /// their rows over; never shrinks).
    /// </summary>
    internal void Publish(int upTo)
    {
        if (upTo > Count)
        {
            Count = upTo;
        }
    }

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => $"IdTable({Count} ids)";

    /// <summary>The index of <paramref name="id"/>, added when new.</summary>
    /// <exception cref="ArgumentException">The id holds a lone surrogate (it has no UTF-8 form, so it could not be told apart from U+FFFD).</exception>
    internal int GetOrAdd(string id)
    {
        byte[] utf8 = Utf8Of(id, out int length);
        var span = utf8.AsSpan(0, length);
        int hash = Hash(span), key = NumberKey(span);
        int found = Find(span, hash, key);
        if (found < 0)
        {
            found = Add(span, hash, key);
            if (!deferred)
            {
                Keep(found, id); // the caller's string: no need to decode it again (a deferred table is filled on another thread)
            }
        }

        ArrayPool<byte>.Shared.Return(utf8);
        return found;
    }

    /// <summary>
    /// The hash of an id's UTF-8 bytes (seeded per table): each 8-byte word, little-endian, the last one zero-padded, mixed
    /// into the state. An id of up to 8 bytes is one word (<see cref="Utf8Cells.Prefix"/>); a longer one's padded last word
    /// is the last 8 bytes shifted down, so an id of up to 16 bytes costs two loads and no loop over its tail bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Hash(ReadOnlySpan<byte> utf8) =>
        utf8.Length is > 0 and <= 8 ? Finish(Mix(seed ^ (ulong)utf8.Length, Utf8Cells.Prefix(utf8))) : LongHash(utf8);

    /// <summary><see cref="Hash"/> of an empty id or one of more than 8 bytes.</summary>
    private int LongHash(ReadOnlySpan<byte> utf8)
    {
        int n = utf8.Length;
        ulong h = seed ^ (ulong)n;
        int whole = n & ~7;
        for (int i = 0; i < whole; i += 8)
        {
            h = Mix(h, Utf8Cells.ReadWord(utf8, i));
        }

        if (whole < n)
        {
            h = Mix(h, Utf8Cells.ReadWord(utf8, n - 8) >> (8 * (8 - (n - whole))));
        }

        return Finish(h);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Finish(ulong h)
    {
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return (int)h;
    }

    private static ulong Mix(ulong h, ulong word) => BitOperations.RotateLeft((h ^ word) * 0x9E3779B97F4A7C15UL, 31);

    /// <summary>The index of the id with these UTF-8 bytes, or -1.</summary>
    internal int Find(ReadOnlySpan<byte> utf8, int hash) => Find(utf8, hash, NumberKey(utf8));

    /// <summary>
    /// The index of the id with these UTF-8 bytes, or -1, given its <see cref="NumberKey"/> (taken earlier under the same
    /// lock: an <see cref="Unfixed"/> key is taken again, as an id added since may have fixed the prefix).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Find(ReadOnlySpan<byte> utf8, int hash, int key)
    {
        if (key == Unfixed && (key = NumberKey(utf8)) == Unfixed)
        {
            return -1; // no id of this form is held yet
        }

        if (key >= 0)
        {
            return PageOf(key) is { } page ? page[key & PageMask] - 1 : -1;
        }

        uint tag = Tag(hash, utf8.Length);
        ulong prefix = Utf8Cells.Prefix(utf8);
        int mask = (buckets.Length >> 1) - 1;
        for (int slot = Home(tag) & mask; ; slot = (slot + 1) & mask)
        {
            ulong bucket = buckets[2 * slot];
            int entry = (int)(uint)bucket - 1;
            if (entry < 0)
            {
                return -1;
            }

            if ((uint)(bucket >> 32) == tag && buckets[(2 * slot) + 1] == prefix && (utf8.Length <= 8 || utf8.SequenceEqual(BytesOf(entry))))
            {
                return entry;
            }
        }
    }

    /// <summary>
    /// Asks the processor to bring the hash slot at which <see cref="Find(ReadOnlySpan{byte}, int, int)"/> starts for an id
    /// of this hash and UTF-8 length into the cache, so that a reader that hashes a batch of ids before looking them up overlaps their cache misses (on a
    /// table of a million ids each lookup would otherwise wait for memory). A hint only: nothing changes, and on processors
    /// without the instruction it does nothing.
    /// </summary>
    internal unsafe void Prefetch(int hash, int length)
    {
        if (Sse.IsSupported)
        {
            int slot = Home(Tag(hash, length)) & ((buckets.Length >> 1) - 1);
            Sse.Prefetch0(Unsafe.AsPointer(ref buckets[2 * slot])); // a prefetch never faults, even if the array has moved since
        }
    }

    /// <summary>As <see cref="Prefetch(int, int)"/>, for a numbered id's entry (<paramref name="key"/> ≥ 0, see <see cref="NumberKey"/>).</summary>
    internal unsafe void PrefetchNumber(int key)
    {
        if (Sse.IsSupported && PageOf(key) is { } page)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref page[key & PageMask]));
        }
    }

    /// <summary>The page holding numbered key <paramref name="key"/>, or null when none is allocated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int[]? PageOf(int key)
    {
        var pages = numberPages;
        return (uint)(key >> PageBits) < (uint)pages.Length ? pages[key >> PageBits] : null;
    }

    /// <summary>
    /// Where a numbered id is kept (see the remarks): its key ≥ 0 (numbers of 1 digit first, then of 2 digits, …, so
    /// <c>7</c> and <c>007</c> differ); −1 when the id goes to the hash slots; <see cref="Unfixed"/> when it has the form
    /// of a numbered id but the table holds none yet, so the first one added will fix the prefix.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int NumberKey(ReadOnlySpan<byte> utf8)
    {
        if (!TrySplitNumber(utf8, out int prefix, out int key))
        {
            return -1;
        }

        if (prefix != numberPrefixLength || Utf8Cells.Prefix(utf8[..prefix]) != numberPrefix)
        {
            return numberPrefixLength < 0 ? Unfixed : -1;
        }

        return key;
    }

    /// <summary>
    /// Whether an id has a numbered id's form — a prefix of at most 8 bytes, then 1–7 ASCII digits to its end — and if so
    /// the prefix's length and the digits' key (see <see cref="NumberKey"/>), whatever prefix the table numbers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TrySplitNumber(ReadOnlySpan<byte> utf8, out int prefix, out int key)
    {
        int end = utf8.Length, digits = 0;
        uint number = 0, scale = 1;
        prefix = key = 0;
        while (digits < end)
        {
            uint digit = (uint)(utf8[end - 1 - digits] - '0');
            if (digit > 9)
            {
                break;
            }

            if (digits == MaxDigits)
            {
                return false;
            }

            number += digit * scale;
            scale *= 10;
            digits++;
        }

        prefix = end - digits;
        if (digits == 0 || prefix > 8)
        {
            return false;
        }

        key = FirstKey[digits] + (int)number;
        return true;
    }

    /// <summary><see cref="NumberKey"/> of an id of a numbered id's form while the table holds none.</summary>
    internal const int Unfixed = -2;

    private const int MaxDigits = 7;
    private const int NumberKeys = 11_111_110; // digit strings of 1 to 7 digits: (10^8 − 10) / 9
    private const int PageBits = 10;
    private const int PageMask = (1 << PageBits) - 1;

    /// <summary>The key of number 0 written with d digits: the count of digit strings of fewer digits, (10^d − 10) / 9.</summary>
    private static ReadOnlySpan<int> FirstKey => [0, 0, 10, 110, 1_110, 11_110, 111_110, 1_111_110];

    /// <summary>Adds an id not in the table (its bytes valid UTF-8) and returns its index.</summary>
    internal int Add(ReadOnlySpan<byte> utf8, int hash) => Add(utf8, hash, NumberKey(utf8));

    /// <summary>Adds an id not in the table (its bytes valid UTF-8), given its <see cref="NumberKey"/>, and returns its index.</summary>
    internal int Add(ReadOnlySpan<byte> utf8, int hash, int key)
    {
        if (key == Unfixed && (key = NumberKey(utf8)) == Unfixed)
        {
            // The first id of a numbered id's form: its prefix becomes the one numbered ids follow.
            TrySplitNumber(utf8, out int prefix, out key);
            numberPrefix = Utf8Cells.Prefix(utf8[..prefix]);
            numberPrefixLength = prefix;
        }

        int index = known;
        if (index == spans.Length)
        {
            var larger = new Utf8Span[index * 2];
            Array.Copy(spans, larger, index);
            Volatile.Write(ref spans, larger); // the reading thread may read the old array or this one: both hold its ids
        }

        spans[index] = new Utf8Span(Store(utf8), utf8.Length);
        Volatile.Write(ref known, index + 1);
        if (!deferred)
        {
            Count = index + 1;
        }

        if (key >= 0)
        {
            PlaceNumber(key, index);
            return index;
        }

        if (++hashed > buckets.Length >> 2)
        {
            Rehash(buckets.Length * 2); // at most half the slots in use
        }

        uint tag = Tag(hash, utf8.Length);
        Place(buckets, ((ulong)tag << 32) | (uint)(index + 1), Utf8Cells.Prefix(utf8));

        return index;
    }

    private void PlaceNumber(int key, int index)
    {
        int p = key >> PageBits;
        if (p >= numberPages.Length)
        {
            var larger = new int[]?[Math.Max(p + 1, Math.Min(numberPages.Length * 2, (NumberKeys + PageMask) >> PageBits))];
            Array.Copy(numberPages, larger, numberPages.Length);
            numberPages = larger;
        }

        (numberPages[p] ??= new int[1 << PageBits])[key & PageMask] = index + 1;
    }

    private void Rehash(int size)
    {
        var larger = new ulong[size];
        for (int i = 0; i < buckets.Length; i += 2)
        {
            if (buckets[i] != 0)
            {
                Place(larger, buckets[i], buckets[i + 1]);
            }
        }

        buckets = larger;
    }

    private static void Place(ulong[] table, ulong bucket, ulong prefix)
    {
        int mask = (table.Length >> 1) - 1;
        int slot = Home((uint)(bucket >> 32)) & mask;
        while (table[2 * slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        table[2 * slot] = bucket;
        table[(2 * slot) + 1] = prefix;
    }

    /// <summary>The hash with its low 4 bits replaced by the UTF-8 length, or by 15 for an id of more than 8 bytes.</summary>
    private static uint Tag(int hash, int length) => ((uint)hash & ~0xFu) | (uint)(length <= 8 ? length : 15);

    /// <summary>The home slot of a tag (its upper 28 bits; masked by the caller).</summary>
    private static int Home(uint tag) => (int)(tag >> 4);

    /// <summary>Copies an id's bytes into the blocks and returns where they are: (block &lt;&lt; 32) | start.</summary>
    private long Store(ReadOnlySpan<byte> utf8)
    {
        var current = blocks[block];
        if (current.Length - used < utf8.Length)
        {
            if (block + 1 == blocks.Length)
            {
                var more = new byte[blocks.Length * 2][];
                Array.Copy(blocks, more, blocks.Length);
                Volatile.Write(ref blocks, more); // the reading thread may read the old array or this one: both hold its blocks
            }

            current = new byte[Math.Max(utf8.Length, Math.Min(LargestBlock, current.Length * 2))];
            blocks[++block] = current;
            used = 0;
        }

        utf8.CopyTo(current.AsSpan(used));
        long location = ((long)block << 32) | (uint)used;
        used += utf8.Length;
        return location;
    }

    /// <summary>Where an id's UTF-8 bytes are: (block &lt;&lt; 32) | start, and how many (12 bytes, not 16).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private readonly record struct Utf8Span(long Location, int Length);

    private static byte[] Utf8Of(string id, out int length)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(id.Length));
        if (Utf8.FromUtf16(id, rented, out _, out length, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            ArrayPool<byte>.Shared.Return(rented);
            throw new ArgumentException($"id {CsvText.Quote(id)} holds a lone surrogate; it has no UTF-8 form.", nameof(id));
        }

        return rented;
    }
}
