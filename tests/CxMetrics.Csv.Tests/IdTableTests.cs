using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Csv.Tests;

/// <summary>
/// <see cref="IdTable"/> keeps each id once, as a string, and a reader looks ids up by their UTF-8 bytes: the byte lookup
/// must find exactly the ids the string lookup finds (ASCII, non-ASCII, ids of equal length in units but not in bytes,
/// ids that differ in one late character).
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
    public void An_id_with_a_lone_surrogate_is_refused()
    {
        var table = new IdTable();
        Assert.Throws<ArgumentException>("id", () => table.GetOrAdd("a\uD800"));
        Assert.Equal(-1, table.IndexOf("b"));
        Assert.Throws<ArgumentNullException>("id", () => table.IndexOf(null!));
    }
}
