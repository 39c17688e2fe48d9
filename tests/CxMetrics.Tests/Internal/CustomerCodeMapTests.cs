using CxMetrics.Commerce;
using CxMetrics.Internal;
using CxMetrics.Portable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Tests.Internal;

public class CustomerCodeMapTests
{
    /// <summary>A list that declares its ids distinct, as a reader's id table does.</summary>
    internal sealed class DistinctIds(IReadOnlyList<string> ids) : IDistinctIdList
    {
        public string this[int index] => ids[index];

        public int Count => ids.Count;

        public IEnumerator<string> GetEnumerator() => ids.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A distinct list that counts how often its ids are read.</summary>
    internal sealed class CountedIds(IReadOnlyList<string> ids) : IDistinctIdList
    {
        public int Reads { get; private set; }

        public string this[int index]
        {
            get
            {
                Reads++;
                return ids[index];
            }
        }

        public int Count => ids.Count;

        public IEnumerator<string> GetEnumerator() => ids.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public void A_distinct_lists_codes_in_first_seen_order_are_lent_and_read_only_when_asked_for()
    {
        var map = new CustomerCodeMap();
        var list = new CountedIds(["a", "b", "c", "d"]);
        int[] codes = [0, 1, 0, 2, 1];
        map.CheckRange(list, codes, new decimal[codes.Length], "EUR", null, null);
        var customers = new int[codes.Length];
        map.ResolveCheckedRange(list, codes, customers, null);
        Assert.Equal(codes, customers);
        Assert.Equal(0, map.Resolve(list, 0, 1m, "EUR", "EUR", null));
        Assert.Equal(0, list.Reads);
        Assert.True(map.IdsLent);
        Assert.Equal(3, map.Count);

        Assert.Equal("b", map[1]);
        Assert.Equal(["a", "b", "c"], map.CopyIds());
        Assert.True(map.IdsLent); // reading copies nothing
        Assert.Equal(4, list.Reads);

        Assert.Throws<ArgumentOutOfRangeException>(() => map.CheckRange(list, [3, 4], new decimal[2], "EUR", "EUR", null));
        Assert.Equal(3, map.Count);
        Assert.Equal(3, map.IndexOf("d")); // a customer by id: the lent ids are copied first, then the id → index dictionary built
        Assert.False(map.IdsLent);
        Assert.True(map.HasIdIndex);
        Assert.Equal(3, map.Resolve(list, 3, 1m, "EUR", "EUR", null));
        Assert.Equal(["a", "b", "c", "d"], map.CopyIds());
    }

    [Fact]
    public void Codes_out_of_order_or_a_pseudonymiser_end_the_lending_and_each_id_is_read_once()
    {
        var map = new CustomerCodeMap();
        var list = new CountedIds(["a", "b", "c", "d"]);
        Assert.Equal(0, map.Resolve(list, 0, 1m, "EUR", null, null));
        Assert.Equal(1, map.Resolve(list, 1, 1m, "EUR", "EUR", null));
        Assert.Equal(0, list.Reads);
        int[] codes = [3, 2, 3]; // 3 skips 2: the two lent ids are copied, 3 and 2 read as they come
        map.CheckRange(list, codes, new decimal[codes.Length], "EUR", "EUR", null);
        var customers = new int[codes.Length];
        map.ResolveCheckedRange(list, codes, customers, null);
        Assert.Equal([2, 3, 2], customers);
        Assert.False(map.IdsLent);
        Assert.Equal(["a", "b", "d", "c"], map.CopyIds());

        var pseudonymised = new CustomerCodeMap();
        var key = new IdPseudonymiser(new byte[32]);
        var other = new CountedIds(["a", "b"]);
        Assert.Equal(0, pseudonymised.Resolve(other, 0, 1m, "EUR", null, key));
        Assert.False(pseudonymised.IdsLent);
        Assert.Equal(key.Pseudonymise("a"), pseudonymised[0]);
    }

    [Fact]
    public void A_blank_id_a_distinct_list_lent_is_reported_when_read()
    {
        // The list breaks its promise: its code 1 is lent unread (it comes in order), so the id is checked when read.
        var map = new CustomerCodeMap();
        var list = new DistinctIds(["a", " "]);
        Assert.Equal(0, map.Resolve(list, 0, 1m, "EUR", null, null));
        Assert.Equal(1, map.Resolve(list, 1, 1m, "EUR", "EUR", null));
        var blank = Assert.Throws<InvalidOperationException>(() => map[1]);
        Assert.Contains("blank", blank.Message);
        Assert.Throws<InvalidOperationException>(() => map.CopyIds());
        Assert.Throws<InvalidOperationException>(() => map.IndexOf("b"));
        Assert.True(map.IdsLent); // nothing was half copied
        Assert.Equal(2, map.Count);
        Assert.Equal("a", map[0]);
    }

    [Fact]
    public void A_plain_list_that_repeats_an_id_gives_one_customer_for_both_codes()
    {
        var map = new CustomerCodeMap();
        string[] list = ["a", "b", "a"];
        Assert.Equal(0, map.Resolve(list, 0, 1m, "EUR", null, null));
        Assert.Equal(1, map.Resolve(list, 1, 1m, "EUR", "EUR", null));
        Assert.Equal(0, map.Resolve(list, 2, 1m, "EUR", "EUR", null));
        Assert.Equal(2, map.Count);
        Assert.True(map.HasIdIndex);
    }

    [Fact]
    public void A_distinct_list_is_trusted_and_no_id_index_is_kept_until_an_id_arrives()
    {
        var map = new CustomerCodeMap();
        var list = new DistinctIds(["a", "b", "c"]);
        Assert.Equal(0, map.Resolve(list, 2, 1m, "EUR", null, null));
        Assert.Equal(1, map.Resolve(list, 0, 1m, "EUR", "EUR", null));
        Assert.Equal(0, map.Resolve(list, 2, 1m, "EUR", "EUR", null));
        Assert.False(map.HasIdIndex);
        Assert.Equal(1, map.IndexOf("a"));
        Assert.True(map.HasIdIndex);
        Assert.Equal(2, map.IndexOf("b"));
        Assert.Equal(3, map.Count);
    }

    [Fact]
    public void Codes_in_first_seen_order_and_then_out_of_it_find_their_customers()
    {
        // 0, 1, 2 arrive in order (code c is customer c, no map read); 4 then 3 break that order; an id add after them.
        var map = new CustomerCodeMap();
        var list = new DistinctIds(["a", "b", "c", "d", "e"]);
        int[] codes = [0, 1, 0, 2, 4, 3, 1, 4, 2];
        int[] expected = [0, 1, 0, 2, 3, 4, 1, 3, 2];
        for (int i = 0; i < codes.Length; i++)
        {
            Assert.Equal(expected[i], map.Resolve(list, codes[i], 1m, "EUR", "EUR", null));
        }

        Assert.Equal(5, map.IndexOf("f"));
        Assert.Equal(3, map.Resolve(list, 4, 1m, "EUR", "EUR", null));
        Assert.Equal(1, map.IndexOf("b"));
        Assert.Equal(6, map.Count);
    }

    [Fact]
    public void A_second_distinct_list_is_matched_by_id()
    {
        var map = new CustomerCodeMap();
        Assert.Equal(0, map.Resolve(new DistinctIds(["a", "b"]), 1, 1m, "EUR", null, null));
        Assert.Equal(0, map.Resolve(new DistinctIds(["b", "c"]), 0, 1m, "EUR", "EUR", null));
        Assert.Equal(1, map.Resolve(new DistinctIds(["b", "c"]), 1, 1m, "EUR", "EUR", null));
        Assert.Equal(2, map.Count);
    }

    [Fact]
    public void A_refused_order_adds_no_customer()
    {
        var map = new CustomerCodeMap();
        var list = new DistinctIds(["a", " "]);
        Assert.Throws<ArgumentOutOfRangeException>(() => map.Resolve(list, 0, -1m, "EUR", null, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => map.Resolve(list, 2, 1m, "EUR", null, null));
        Assert.Throws<ArgumentException>(() => map.Resolve(list, 1, 1m, "EUR", null, null));
        Assert.Throws<ArgumentException>(() => map.Resolve(list, 0, 1m, "euro", null, null));
        var mixed = Assert.Throws<InvalidOperationException>(() => map.Resolve(list, 0, 1m, "USD", "EUR", null));
        Assert.Contains("USD", mixed.Message);
        Assert.Equal(0, map.Count);
        Assert.Equal(0, map.Resolve(list, 0, 0m, "EUR", null, null));
    }

    /// <summary>
    /// While a distinct list's codes arrive in first-seen order no code map is kept (code c is customer c); the map is
    /// written down when that order breaks, an id arrives by itself, or a second list's codes come. Random mixes of batch
    /// resolutions, single codes (mostly the next new one, sometimes a jump or an old one), id adds and a second list:
    /// every code finds the customer with its id, every id one customer.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Codes_ids_and_batches_in_any_mix_find_the_customer_of_their_id() =>
        Prop.ForAll(Gen.Choose(0, 9).Zip(Gen.Choose(0, 1000)).ArrayOf().ToArbitrary(), steps =>
        {
            var first = new DistinctIds([.. Enumerable.Range(0, 60).Select(i => $"id{i}")]);
            var second = new DistinctIds([.. Enumerable.Range(0, 60).Select(i => $"id{59 - i}")]);
            var map = new CustomerCodeMap();
            var customerOf = new Dictionary<string, int>();
            int next = 0;
            bool ok = true;

            void Check(string id, int customer)
            {
                ok &= map[customer] == id && (customerOf.TryAdd(id, customer) || customerOf[id] == customer);
            }

            int Code(int draw) => draw % 10 < 7 && next < 60 ? next++ : draw % 60;

            foreach (var (kind, draw) in steps)
            {
                var list = kind == 9 ? second : first;
                switch (kind)
                {
                    case < 4:
                        int[] codes = [.. Enumerable.Range(0, 1 + (draw % 7)).Select(k => Code(draw + (k * 37)))];
                        map.CheckRange(list, codes, new decimal[codes.Length], "EUR", "EUR", null);
                        var customers = new int[codes.Length];
                        map.ResolveCheckedRange(list, codes, customers, null);
                        for (int k = 0; k < codes.Length; k++)
                        {
                            Check(list[codes[k]], customers[k]);
                        }

                        break;
                    case 8:
                        string id = $"id{draw % 70}"; // some not in the lists
                        Check(id, map.IndexOf(id));
                        break;
                    default:
                        int code = Code(draw);
                        var one = new int[1];
                        map.ResolveCheckedRange(list, [code], one, null);
                        Check(list[code], one[0]);
                        break;
                }
            }

            return ok && map.Count == customerOf.Count;
        });
}
