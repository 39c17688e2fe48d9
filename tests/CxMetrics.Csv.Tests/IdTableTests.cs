using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Csv.Tests;

/// <summary>
/// <see cref="IdTable"/> keeps each id once, as UTF-8 bytes (a string only once asked for), and a reader looks ids up by
/// those bytes: the byte lookup must find exactly the ids the string lookup finds (ASCII, non-ASCII, ids of equal length
/// in units but not in bytes, ids that differ in one late character).
/// </summary>
public class IdTableTests
{
    private static readonly string[] Parts = ["a", "b", "Z", "0", "ü", "é", "Ω", "😀", "\u00A0", "日本", "ab", "c000000", " ", "x"];

    [Property(MaxTest = 300)]
    public Property Byte_lookups_agree_with_a_dictionary_of_strings()
    {
        var id = Gen.Elements(Parts).ArrayOf().Select(p => string.Concat(p)).Where(s => s.Length > 0);
        var gen = Gen.Zip(id.ListOf(), id.ListOf());
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (added, probed) = t;
            var table = new IdTable();
            var model = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string s in added)
            {
                int expected = model.TryGetValue(s, out int known) ? known : model[s] = model.Count;
                byte[] utf8 = Encoding.UTF8.GetBytes(s);
                int hash = table.Hash(utf8);
                int found = table.Find(utf8, hash);
                int index = found >= 0 ? found : table.Add(utf8, hash);
                if (index != expected || table.GetOrAdd(s) != expected)
                {
                    return false;
                }
            }

            foreach (string s in probed.Concat(added))
            {
                int expected = model.TryGetValue(s, out int known) ? known : -1;
                byte[] utf8 = Encoding.UTF8.GetBytes(s);
                if (table.Find(utf8, table.Hash(utf8)) != expected || table.IndexOf(s) != expected)
                {
                    return false;
                }
            }

            return table.Count == model.Count && table.SequenceEqual(model.OrderBy(p => p.Value).Select(p => p.Key));
        });
    }

    [Fact]
    public void Ids_made_from_bytes_are_decoded_once_and_shared()
    {
        var table = new IdTable();
        byte[] utf8 = Encoding.UTF8.GetBytes("Zoë-1234567890");
        int index = table.Add(utf8, table.Hash(utf8));
        Assert.Equal("Zoë-1234567890", table[index]);
        Assert.Same(table[index], table[index]);
        Assert.Equal(index, table.Find(utf8, table.Hash(utf8)));
        byte[] other = Encoding.UTF8.GetBytes("Zoe-1234567890");
        Assert.Equal(-1, table.Find(other, table.Hash(other)));
    }

    [Fact]
    public void Ids_that_share_their_first_eight_bytes_or_differ_only_in_length_are_told_apart()
    {
        string[] ids = ["c0000001", "c0000001x", "c0000001y", "c000000", "c000000\0", "c0000001\0", "12345678", "123456789012", "ü1234567", "ü123456"];
        var table = new IdTable();
        for (int i = 0; i < ids.Length; i++)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(ids[i]);
            Assert.Equal(-1, table.Find(utf8, table.Hash(utf8)));
            Assert.Equal(i, table.Add(utf8, table.Hash(utf8)));
        }

        for (int i = 0; i < ids.Length; i++)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(ids[i]);
            Assert.Equal(i, table.Find(utf8, table.Hash(utf8)));
            Assert.Equal(i, table.IndexOf(ids[i]));
        }
    }

    [Fact]
    public void Ids_become_strings_only_when_asked_for()
    {
        var table = new IdTable();
        string[] ids = ["c1", "Zoë-1234567890", "日本-0001"];
        foreach (string id in ids)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(id);
            table.Add(utf8, table.Hash(utf8));
        }

        Assert.Equal(0, table.StringsKept);
        Assert.Equal(1, table.IndexOf("Zoë-1234567890"));
        Assert.Equal(0, table.StringsKept); // a lookup by string compares bytes
        Assert.Equal("日本-0001", table[2]);
        Assert.Equal(1, table.StringsKept);
        Assert.Equal(ids, table);
        Assert.Equal(3, table.StringsKept);
        Assert.Same(table[0], table[0]);

        var given = new IdTable();
        string mine = new('x', 3);
        Assert.Equal(0, given.GetOrAdd(mine));
        Assert.Same(mine, given[0]); // a caller's string is kept as it is, not decoded again
    }

    [Fact]
    public void Ids_asked_for_from_several_threads_at_once_are_the_right_ones()
    {
        // Decoding races (the kept strings' array grown by one thread while another keeps a string) may decode an id twice,
        // never give a wrong one. Four threads, each asking for every id in its own order, twenty tables.
        for (int round = 0; round < 20; round++)
        {
            var table = new IdTable();
            var ids = Enumerable.Range(0, 5_000).Select(i => $"id-{round}-{i}").ToArray();
            foreach (string id in ids)
            {
                byte[] utf8 = Encoding.UTF8.GetBytes(id);
                table.Add(utf8, table.Hash(utf8));
            }

            var wrong = 0;
            Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
            {
                for (int k = 0; k < ids.Length; k++)
                {
                    int i = t % 2 == 0 ? k : ids.Length - 1 - k;
                    if (table[i] != ids[i])
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
            });

            Assert.Equal(0, wrong);
            Assert.Equal(ids, table);
        }
    }

    [Fact]
    public void Ids_that_fill_many_blocks_and_one_longer_than_a_block_keep_their_bytes()
    {
        // 40,000 ids of 36 bytes fill blocks of 256 bytes doubling up to 1 MiB; one of 3 MiB gets a block of its own.
        var table = new IdTable();
        var ids = Enumerable.Range(0, 40_000).Select(i => Guid.CreateVersion7(DateTimeOffset.UnixEpoch.AddSeconds(i)).ToString()).ToList();
        ids.Insert(20_000, new string('y', 3 << 20));
        for (int i = 0; i < ids.Count; i++)
        {
            Assert.Equal(i, table.GetOrAdd(ids[i]));
        }

        var fresh = new IdTable();
        foreach (string id in ids)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(id);
            fresh.Add(utf8, fresh.Hash(utf8));
        }

        for (int i = 0; i < ids.Count; i += 997)
        {
            Assert.Equal(i, fresh.IndexOf(ids[i]));
            Assert.Equal(ids[i], fresh[i]);
        }

        Assert.Equal(ids[20_000], fresh[20_000]);
        Assert.Equal(ids, fresh);
        Assert.Equal(ids, table);
    }

    /// <summary>
    /// A tally fed a read's codes in batches (the one-pass path of <c>cxmetrics clv</c>) lends the table's ids rather than
    /// reading them: no id becomes a string until the summaries list the customers, and then each does once; the summary
    /// equals the one built from <see cref="Commerce.Order"/> records. With and without the background parser, on ids of
    /// up to 8 bytes and longer, ASCII and not.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_tally_fed_a_reads_codes_asks_for_no_id_until_it_lists_its_customers(bool background)
    {
        var random = new Random(17);
        var text = new StringBuilder("order_id,customer_id,placed_at,amount,currency\n");
        for (int i = 0; i < 20_000; i++)
        {
            int c = random.Next(3_000);
            string id = c % 3 == 0 ? $"c{c}" : c % 3 == 1 ? $"customer-{c:D8}" : $"Müller-{c}";
            text.Append($"o{i},{id},2024-0{1 + (i * 9 / 20_000)}-1{random.Next(10)}T10:00:00Z,{random.Next(500)}.{random.Next(100):D2},EUR\n");
        }

        byte[] data = Encoding.UTF8.GetBytes(text.ToString());
        var rows = OrderCsv.ReadRows(new MemoryStream(data), null, new CsvReadOptions { ParseInBackground = background });
        var tally = new Lifetime.CustomerSummaryTally(NodaTime.DateTimeZone.Utc);
        using (var e = rows.GetEnumerator())
        {
            while (e.MoveNextBatch())
            {
                var batch = e.Batch;
                tally.AddRange(rows.CustomerIds, batch.CustomerIndexes, batch.PlacedAt, batch.Amounts, rows.Currency!);
            }
        }

        var table = rows.CustomerIds;
        Assert.Equal(0, table.StringsKept);
        var options = new Lifetime.CustomerSummaryOptions { CalibrationEnd = new NodaTime.LocalDate(2024, 12, 31) };
        var streamed = Lifetime.CustomerBase.From(tally, options).Customers;
        Assert.Equal(table.Count, table.StringsKept);

        var records = new Lifetime.CustomerSummaryTally(NodaTime.DateTimeZone.Utc);
        records.AddRange(OrderCsv.Read(new MemoryStream(data)));
        Assert.Equal(Lifetime.CustomerBase.From(records, options).Customers, streamed);
        Assert.Equal(table.Count, streamed.Count);
    }

    /// <summary>
    /// Numbered ids (a prefix of at most 8 bytes and 1–7 ASCII digits, the prefix of the first such id) are found by their
    /// number, every other id by hash: ids of those shapes and their near misses — leading zeros, 8 digits, a 9-byte
    /// prefix, another prefix, a prefix that is itself digits away, non-ASCII digits — are found exactly as a dictionary of
    /// strings finds them, whichever comes first, by bytes and by string.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Numbered_ids_and_their_near_misses_agree_with_a_dictionary_of_strings()
    {
        string[] prefixes = ["", "c", "C", "cu", "ü", "CUST-", "12345678", "abcdefgh", "abcdefghi", "c0", "x١"];
        var digits = Gen.Choose(0, 9).Select(d => (char)('0' + d)).ArrayOf().Select(a => new string(a));
        var numberedish = from prefix in Gen.Elements(prefixes)
                          from run in digits
                          from tail in Gen.Elements("", "", "", "\u0662", "-")
                          select prefix + run + tail;
        var gen = Gen.Zip(numberedish.Where(s => s.Length > 0).ListOf(), numberedish.Where(s => s.Length > 0).ListOf());
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (added, probed) = t;
            var table = new IdTable();
            var model = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < added.Count; i++)
            {
                string s = added[i];
                int expected = model.TryGetValue(s, out int known) ? known : model[s] = model.Count;
                byte[] utf8 = Encoding.UTF8.GetBytes(s);
                int hash = table.Hash(utf8);
                int found = i % 2 == 0 ? table.Find(utf8, hash) : table.Find(utf8, hash, table.NumberKey(utf8));
                int index = found >= 0 ? found : table.Add(utf8, hash);
                if (index != expected || table.GetOrAdd(s) != expected)
                {
                    return false.Label($"{s}: {index}, expected {expected}");
                }
            }

            foreach (string s in probed.Concat(added))
            {
                int expected = model.TryGetValue(s, out int known) ? known : -1;
                byte[] utf8 = Encoding.UTF8.GetBytes(s);
                if (table.Find(utf8, table.Hash(utf8)) != expected || table.IndexOf(s) != expected)
                {
                    return false.Label($"probe {s}: expected {expected}");
                }
            }

            return (table.Count == model.Count && table.SequenceEqual(model.OrderBy(p => p.Value).Select(p => p.Key))).Label("the ids in order");
        });
    }

    [Fact]
    public void Numbered_ids_are_found_by_number_and_the_rest_by_hash()
    {
        // The first numbered id fixes the prefix "c"; "c7", "c007" and "c0000007" are three ids, all numbered.
        string[] numbered = ["c0085522", "c7", "c007", "c0000007", "c0", "c9999999"];
        // Another prefix, 8 digits, a 9-byte prefix, no digits, digits inside, non-ASCII digits: hashed.
        string[] hashed = ["C7", "d0085522", "c00855220", "customer_1", "c", "c12x", "c١٢", "7", "cc7"];
        var table = new IdTable();
        foreach (string id in numbered.Concat(hashed))
        {
            Assert.Equal(-1, table.IndexOf(id));
            byte[] utf8 = Encoding.UTF8.GetBytes(id);
            table.Add(utf8, table.Hash(utf8));
        }

        Assert.Equal(hashed.Length, table.HashedCount);
        Assert.Equal(numbered.Concat(hashed), table);
        for (int i = 0; i < table.Count; i++)
        {
            Assert.Equal(i, table.IndexOf(table[i]));
        }

        Assert.Equal(-1, table.IndexOf("c08552"));
        Assert.Equal(-1, table.IndexOf("c1"));

        // A key taken before the first numbered id fixed the prefix (a reader takes a batch's keys ahead) is taken again.
        var fresh = new IdTable();
        byte[] first = "c12"u8.ToArray(), second = "c13"u8.ToArray();
        int staleFirst = fresh.NumberKey(first), staleSecond = fresh.NumberKey(second);
        Assert.Equal(IdTable.Unfixed, staleFirst);
        Assert.Equal(0, fresh.Add(first, fresh.Hash(first), staleFirst));
        Assert.Equal(0, fresh.Find(first, fresh.Hash(first), staleFirst));
        Assert.Equal(-1, fresh.Find(second, fresh.Hash(second), staleSecond));
        Assert.Equal(1, fresh.Add(second, fresh.Hash(second), staleSecond));
        Assert.Equal(0, fresh.HashedCount);
        Assert.Equal(1, fresh.IndexOf("c13"));
    }

    [Fact]
    public void A_million_numbered_ids_take_pages_in_proportion_to_their_range_and_no_hash_slots()
    {
        // A shop's numbering, c0000000–c0999999, arriving in a random order: ≈ 1,000 pages of 1,024 numbers (4 MB), the
        // hash slots left as they were; and a handful of sparse ones a page each.
        var table = new IdTable();
        var random = new Random(5);
        var numbers = Enumerable.Range(0, 1_000_000).OrderBy(_ => random.Next()).ToArray();
        var bytes = new byte[8];
        foreach (int n in numbers)
        {
            Encoding.ASCII.GetBytes($"c{n:D7}", bytes);
            Assert.Equal(-1, table.Find(bytes, table.Hash(bytes)));
            table.Add(bytes, table.Hash(bytes));
        }

        Assert.Equal(0, table.HashedCount);
        Assert.InRange(table.NumberPagesUsed, 977, 978);
        for (int k = 0; k < numbers.Length; k += 9_973)
        {
            Assert.Equal(k, table.IndexOf($"c{numbers[k]:D7}"));
        }

        var sparse = new IdTable();
        foreach (int n in new[] { 17, 4_000_000, 9_999_999, 123, 1_000_000 })
        {
            sparse.GetOrAdd(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(4, sparse.NumberPagesUsed); // 17 and 123 share the first page
        Assert.Equal(0, sparse.HashedCount);
        Assert.Equal(2, sparse.IndexOf("9999999"));
    }

    [Fact]
    public void An_id_with_a_lone_surrogate_is_refused()
    {
        var table = new IdTable();
        Assert.Throws<ArgumentException>("id", () => table.GetOrAdd("a\uD800"));
        Assert.Equal(-1, table.IndexOf("b"));
        Assert.Throws<ArgumentNullException>("id", () => table.IndexOf(null!));
    }
}
