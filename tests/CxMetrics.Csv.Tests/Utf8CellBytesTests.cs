using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Csv.Tests;

/// <summary>
/// The byte kernels of <see cref="Utf8Cells"/> (and <see cref="IdTable.Hash"/>) on random and adversarial bytes, each
/// against a statement of what it accepts written with the BCL and NodaTime: a kernel must accept <em>exactly</em> the cells
/// of its layout that the BCL or NodaTime parse (a refused cell goes to the string path, so a kernel that refused more would
/// be slower, and one that accepted more would be wrong), with the same value. The bytes are built around the edges of
/// word-at-a-time digit checks: <c>/</c> and <c>:</c> (just below and above the digits), bytes with the high bit set whose
/// low 7 bits are a digit, a colon or a point, NUL, DEL, and cells cut to every length around 8 and 16 bytes.
/// </summary>
public class Utf8CellBytesTests
{
    // The kernel's layout: uuuu-MM-dd(T| )HH:mm:ss[.f{1,7}](Z|±HH:mm), ASCII digits only.
    private static readonly Regex IsoLayout = new(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant);

    /// <summary>Bytes next to the ones a digit check must tell apart.</summary>
    private static readonly byte[] Edges =
    [
        (byte)'0', (byte)'1', (byte)'2', (byte)'3', (byte)'5', (byte)'9', (byte)'/', (byte)':', (byte)';', (byte)'-', (byte)'+', (byte)'.', (byte)',',
        (byte)'Z', (byte)'z', (byte)'T', (byte)' ', (byte)'\t', (byte)'\r', 0x00, 0x7F, 0x80, 0x8A, 0xB0, 0xB9, 0xBA, 0xBE, 0xC3, 0xD9, 0xFF,
    ];

    private static Gen<byte> EdgeBytes => Gen.Frequency((4, Gen.Elements(Edges)), (1, Gen.Choose(0, 255).Select(b => (byte)b)));

    /// <summary>A text's UTF-8 bytes with one to three bytes replaced by edge bytes, or cut or lengthened by one byte.</summary>
    private static Gen<byte[]> Mutated(Gen<string> texts) =>
        from text in texts
        from how in Gen.Choose(0, 5)
        from at in Gen.Choose(0, 1000).ArrayOf(3)
        from put in EdgeBytes.ArrayOf(3)
        select Mutate(Encoding.UTF8.GetBytes(text), how, at, put);

    private static byte[] Mutate(byte[] bytes, int how, int[] at, byte[] put)
    {
        if (bytes.Length == 0 || how == 0)
        {
            return bytes;
        }

        if (how == 4)
        {
            return bytes[..^1];
        }

        if (how == 5)
        {
            return [.. bytes, put[0]];
        }

        for (int k = 0; k < how; k++)
        {
            bytes[at[k] % bytes.Length] = put[k];
        }

        return bytes;
    }

    private static Gen<string> Timestamps =>
        from year in Gen.Elements(1, 1970, 2000, 2024, 2100, 9998)
        from month in Gen.Choose(1, 12)
        from day in Gen.Choose(1, 31)
        from hour in Gen.Choose(0, 24)
        from minute in Gen.Choose(0, 60)
        from second in Gen.Choose(0, 60)
        from fraction in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Constant(3)), (1, Gen.Choose(1, 9)))
        from digits in Gen.Choose(0, 999_999_999)
        from separator in Gen.Elements("T", "T", " ")
        from offset in Gen.Elements("Z", "Z", "Z", "+00:00", "+01:00", "-05:30", "+18:00", "-18:00", "+18:01", "+14:60", "-00:00", "+05")
        select string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}{separator}{hour:D2}:{minute:D2}:{second:D2}{(fraction == 0 ? string.Empty : "." + digits.ToString("D9", CultureInfo.InvariantCulture)[..fraction])}{offset}");

    [Property(MaxTest = 5000)]
    public Property The_time_kernel_accepts_exactly_the_ISO_texts_of_its_layout_that_NodaTime_reads_and_reads_them_alike()
    {
        return Prop.ForAll(Mutated(Timestamps).ToArbitrary(), bytes =>
        {
            bool fast = Utf8Cells.TryIsoWithOffset(bytes, out var instant);

            // A date of a cell that starts with the same ten bytes, as the reader caches it, gives the same answer.
            bool cached = Utf8Cells.TryIsoDate(bytes, out long days) && Utf8Cells.TryIsoTime(bytes, days, out var again) && again == instant;
            string text = Encoding.Latin1.GetString(bytes); // byte for char: a non-ASCII byte never matches the layout
            bool layout = IsoLayout.IsMatch(text) && text[..4] is not ("0000" or "9999") && text[11..13] != "24";
            var parsed = layout ? (text[10] == ' ' ? Utf8CellsTests.IsoWithSpace : Utf8CellsTests.Iso).Parse(text) : null;
            bool expected = layout && parsed!.Success;
            return fast == expected && cached == fast && (!fast || (instant == parsed!.Value.ToInstant() && instant == Utf8CellsTests.Strings.Read(text, "placed_at")));
        });
    }

    [Theory]
    [InlineData("2024-01-15T10:23:45Z", true)]
    [InlineData("2024-01-15T10:23:45.123Z", true)]
    [InlineData("2024-01-15T10:23:45.12Z", true)]
    [InlineData("2024-01-15T10:23:45.1234567Z", true)]
    [InlineData("2024-01-15T10:23:45.12345678Z", false)]
    [InlineData("2024-01-15T10:23:45.Z", false)]
    [InlineData("2024-01-15T10:23:45.12/Z", false)]
    [InlineData("2024-01-15T10:23:45.12:Z", false)]
    [InlineData("2024-01-15T10:23:45.123z", false)]
    [InlineData("2024-01-15T10/23:45Z", false)]
    [InlineData("2024-01-15T10;23:45Z", false)]
    [InlineData("2024-01-15T1:23:45ZZ", false)]
    [InlineData("2024-01-15T23:59:59Z", true)]
    [InlineData("2024-01-15T23:60:00Z", false)]
    [InlineData("2024-01-15T10:23:4:Z", false)]
    [InlineData("2024-01-15T10:23:45+01:00", true)]
    [InlineData("2024-01-15T10:23:45.123+01:00", true)]
    public void Common_time_shapes_and_their_near_misses(string text, bool read)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        Assert.Equal(read, Utf8Cells.TryIsoWithOffset(bytes, out var instant));
        var parsed = Utf8CellsTests.Iso.Parse(text);
        Assert.Equal(read, parsed.Success && IsoLayout.IsMatch(text));
        if (read)
        {
            Assert.Equal(parsed.Value.ToInstant(), instant);
        }
    }

    [Fact]
    public void A_high_bit_on_a_digit_or_colon_is_refused()
    {
        byte[] good = Encoding.ASCII.GetBytes("2024-01-15T10:23:45.123Z");
        Assert.True(Utf8Cells.TryIsoWithOffset(good, out _));
        for (int i = 11; i < good.Length; i++)
        {
            byte[] bad = (byte[])good.Clone();
            bad[i] |= 0x80;
            Assert.False(Utf8Cells.TryIsoWithOffset(bad, out _), $"byte {i}");
        }
    }

    private static Gen<string> Amounts =>
        from whole in Gen.Choose(0, 19)
        from fraction in Gen.Frequency((1, Gen.Constant(-1)), (4, Gen.Constant(2)), (2, Gen.Choose(0, 12)))
        from digits in Gen.Choose(0, 9).ArrayOf(32)
        from separator in Gen.Elements('.', ',')
        select string.Concat(digits.Take(whole)) + (fraction < 0 ? string.Empty : separator + string.Concat(digits.Skip(whole).Take(fraction)));

    [Property(MaxTest = 5000)]
    public Property The_decimal_kernel_accepts_exactly_the_plain_decimals_of_at_most_18_digits_as_decimal_Parse_reads_them()
    {
        const NumberStyles style = NumberStyles.AllowDecimalPoint;
        var comma = new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00A0" };
        var cells = Gen.Frequency((3, Mutated(Amounts)), (1, Gen.Choose(0, 20).SelectMany(n => EdgeBytes.ArrayOf(n))));
        return Prop.ForAll(Gen.Zip(cells, Gen.Elements('.', ',')).ToArbitrary(), t =>
        {
            var (bytes, separator) = t;
            bool fast = Utf8Cells.TryPlainDecimal(bytes, (byte)separator, out decimal value);
            string text = Encoding.Latin1.GetString(bytes);
            var plain = new Regex(@"\A[0-9]+(" + Regex.Escape(separator.ToString()) + @"[0-9]+)?\z", RegexOptions.CultureInvariant);
            bool expected = plain.IsMatch(text) && text.Count(char.IsAsciiDigit) <= 18;
            var numbers = separator == '.' ? NumberFormatInfo.InvariantInfo : comma;
            return fast == expected && (!fast || decimal.GetBits(value).SequenceEqual(decimal.GetBits(decimal.Parse(text, style, numbers))));
        });
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("7", "7")]
    [InlineData("35.12", "35.12")]
    [InlineData("450.00", "450.00")]
    [InlineData("1234567.8", "1234567.8")]
    [InlineData("12345678", "12345678")]
    [InlineData("99999999", "99999999")]
    [InlineData("9999999.9", "9999999.9")]
    [InlineData("0.0000001", "0.0000001")]
    [InlineData("00000001", "1")]
    public void Short_amounts_keep_their_value_and_scale(string text, string expected)
    {
        Assert.True(Utf8Cells.TryPlainDecimal(Encoding.ASCII.GetBytes(text), (byte)'.', out decimal value));
        Assert.Equal(decimal.Parse(text, CultureInfo.InvariantCulture), value);
        Assert.Equal(expected, value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("1.2.3")]
    [InlineData("12,50")]
    [InlineData("-1.5")]
    [InlineData("1 5")]
    [InlineData("1/5")]
    [InlineData("1:5")]
    public void Not_plain_amounts_are_left_to_the_string_path(string text) =>
        Assert.False(Utf8Cells.TryPlainDecimal(Encoding.ASCII.GetBytes(text), (byte)'.', out _));

    /// <summary>Cells for the trim and UTF-8 checks: ids, channels, white space, non-ASCII characters and invalid sequences.</summary>
    private static Gen<byte[]> TextCells
    {
        get
        {
            byte[][] pieces = [.. new[] { "c0012345", "o9999999", "web", "vip", "returning", "a", " ", "\t", "\u00A0", "ü", "日本", "😀", "\u2003", "\u0085" }.Select(Encoding.UTF8.GetBytes),
                [0xC3], [0x80], [0xFF], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98], [0x7F], [0x00]];
            var joined = Gen.Elements(pieces).ArrayOf().Select(p => p.SelectMany(b => b).ToArray());
            return Gen.Frequency((3, joined), (1, Gen.Choose(0, 40).SelectMany(n => EdgeBytes.ArrayOf(n))));
        }
    }

    [Property(MaxTest = 5000)]
    public Property The_UTF8_check_is_the_BCL_validator()
    {
        return Prop.ForAll(TextCells.ToArbitrary(), bytes => Utf8Cells.IsValidUtf8(bytes) == Utf8.IsValid(bytes));
    }

    [Property(MaxTest = 5000)]
    public Property Trimming_takes_off_ASCII_white_space_and_refuses_exactly_the_ends_that_string_Trim_might_read_otherwise()
    {
        return Prop.ForAll(TextCells.ToArbitrary(), bytes =>
        {
            bool trimmed = Utf8Cells.TryTrim(bytes, out var cell);
            var stripped = bytes.AsSpan().Trim(" \t\n\v\f\r"u8);
            bool expected = stripped.IsEmpty || (PlainEnd(stripped, first: true) && PlainEnd(stripped, first: false));
            if (trimmed != expected || (trimmed && !cell.SequenceEqual(stripped)))
            {
                return false;
            }

            // Read as text, an accepted cell is the cell's string trimmed.
            if (trimmed && Utf8.IsValid(bytes) && Encoding.UTF8.GetString(cell) != Encoding.UTF8.GetString(bytes).Trim())
            {
                return false;
            }

            // The fused check is the two in a row.
            bool fused = Utf8Cells.TryTrimUtf8(bytes, out var both);
            return fused == (trimmed && Utf8.IsValid(cell)) && (!fused || both.SequenceEqual(cell));
        });
    }

    /// <summary>An end of a cell that <see cref="string.Trim()"/> surely keeps: printable ASCII, or a whole character that is not white space.</summary>
    private static bool PlainEnd(ReadOnlySpan<byte> text, bool first)
    {
        byte b = first ? text[0] : text[^1];
        if (b < 0x80)
        {
            return b is > 0x20 and < 0x7F;
        }

        var status = first ? Rune.DecodeFromUtf8(text, out var rune, out _) : Rune.DecodeLastFromUtf8(text, out rune, out _);
        return status == OperationStatus.Done && !Rune.IsWhiteSpace(rune);
    }

    [Property(MaxTest = 2000)]
    public Property Prefix_and_hash_read_only_the_cells_bytes()
    {
        var gen = from bytes in TextCells
                  from before in EdgeBytes.ArrayOf(8)
                  from after in EdgeBytes.ArrayOf(16)
                  from other in EdgeBytes.ArrayOf(16)
                  select (bytes, before, after, other);
        var table = new IdTable();
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (bytes, before, after, other) = t;
            byte[] inside = [.. before, .. bytes, .. after];
            byte[] inside2 = [.. other[..8], .. bytes, .. other];
            var cell = inside.AsSpan(before.Length, bytes.Length);
            var cell2 = inside2.AsSpan(8, bytes.Length);
            ulong expected = 0;
            for (int i = 0; i < Math.Min(8, bytes.Length); i++)
            {
                expected |= (ulong)bytes[i] << (8 * i);
            }

            return Utf8Cells.Prefix(cell) == expected && Utf8Cells.Prefix(cell2) == expected && table.Hash(cell) == table.Hash(cell2) && table.Hash(cell) == table.Hash(bytes);
        });
    }
}
