using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Csv.Tests;

/// <summary>
/// The byte kernels of the span readers (<see cref="Utf8Cells"/>) against the readers they stand in for: a timestamp the
/// kernel reads must be read to the same instant by NodaTime's ISO pattern and by the string path
/// (<see cref="TimestampReader"/>), and every text of the kernel's layout that they accept the kernel must accept too;
/// a plain decimal must be <see cref="decimal.Parse(string, NumberStyles, IFormatProvider)"/>'s value with its scale, in
/// invariant and decimal-comma notation. Texts are generated around the edges (30 February, 29 February of a century,
/// hour 24, second 60 — a leap second —, offsets beyond ±18:00, eight and more fraction digits) and then mutated.
/// </summary>
public class Utf8CellsTests
{
    internal static readonly OffsetDateTimePattern Iso = OffsetDateTimePattern.ExtendedIso;
    internal static readonly OffsetDateTimePattern IsoWithSpace = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss;FFFFFFFFFo<G>");
    internal static readonly TimestampReader Strings = new(new CsvReadOptions());

    private static Gen<string> Timestamps =>
        from year in Gen.Elements(1, 2, 1900, 2000, 2023, 2024, 2100, 9998, 9999)
        from month in Gen.Choose(0, 13)
        from day in Gen.Choose(0, 32)
        from hour in Gen.Choose(0, 25)
        from minute in Gen.Choose(0, 60)
        from second in Gen.Choose(0, 61)
        from fraction in Gen.Choose(0, 10).Select(n => n == 0 ? string.Empty : "." + new string('7', n - 1) + "1")
        from separator in Gen.Elements("T", " ", "t", "_")
        from offset in Gen.Elements("Z", "z", "+00:00", "+01:00", "-05:30", "+18:00", "-18:00", "+18:01", "+19:00", "+14:60", "+05", "+0530", string.Empty)
        select string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}{separator}{hour:D2}:{minute:D2}:{second:D2}{fraction}{offset}");

    private static Gen<string> Mutated(Gen<string> texts) =>
        from text in texts
        from mutate in Gen.Elements(false, false, true)
        from at in Gen.Choose(0, 40)
        from put in Gen.Elements('0', '9', '-', ':', '.', ' ', 'x', '+', 'Z', '\u0661')
        select mutate && text.Length > 0 ? text.Remove(at % text.Length, 1).Insert(at % text.Length, put.ToString()) : text;

    /// <summary>The instant of a parsed value, or null past NodaTime's range (9999-12-31 late in the day at a negative offset).</summary>
    private static Instant? InRange(OffsetDateTime value)
    {
        try
        {
            return value.ToInstant();
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    [Property(MaxTest = 3000)]
    public Property A_timestamp_read_from_bytes_is_the_instant_NodaTime_and_the_string_path_read()
    {
        return Prop.ForAll(Mutated(Timestamps).ToArbitrary(), text =>
        {
            bool fast = Utf8Cells.TryIsoWithOffset(Encoding.UTF8.GetBytes(text), out var instant);
            var pattern = (text.Length > 10 && text[10] == ' ' ? IsoWithSpace : Iso).Parse(text);
            Instant? reference = pattern.Success ? InRange(pattern.Value) : null;
            Instant? strings = null;
            try
            {
                strings = Strings.Read(text, "placed_at");
            }
            catch (CsvFieldException)
            {
            }

            // Sure answers only: what the kernel reads, both references read the same way.
            if (fast && (reference != instant || strings != instant))
            {
                return false;
            }

            // And it does not leave its own layout (4-digit year 1–9998, 'T' or space, hour below 24, up to 7 fraction digits,
            // Z or ±HH:mm) to the slow path.
            bool layout = text.Length >= 20 && text[11..13] != "24" && text[..4].All(char.IsAsciiDigit) && text[..4] is not ("0000" or "9999") && (text[10] is 'T' or ' ')
                && !text.Contains('z', StringComparison.Ordinal) && FractionDigits(text) <= 7 && (text.EndsWith('Z') || (text.Length > 6 && text[^3] == ':' && text[^6] is '+' or '-'));
            return fast || !(layout && reference is not null);
        });
    }

    [Theory]
    [InlineData("2024-02-29T10:00:00Z", true, true)]
    [InlineData("2023-02-29T10:00:00Z", false, false)]
    [InlineData("2024-02-30T10:00:00Z", false, false)]
    [InlineData("2100-02-29T00:00:00Z", false, false)]
    [InlineData("2000-02-29T00:00:00Z", true, true)]
    [InlineData("2016-12-31T23:59:60Z", false, false)]
    [InlineData("2024-01-15T24:00:00Z", false, true)] // NodaTime reads 24:00 as the next midnight: left to the string path, which does the same
    [InlineData("2024-01-15T10:23:45+18:00", true, true)]
    [InlineData("2024-01-15T10:23:45+18:01", false, false)]
    [InlineData("2024-01-15T10:23:45.1234567-05:30", true, true)]
    public void Edge_dates_and_times_are_read_or_left_to_the_string_path(string text, bool read, bool nodaTimeReads)
    {
        bool fast = Utf8Cells.TryIsoWithOffset(Encoding.ASCII.GetBytes(text), out var instant);
        var pattern = Iso.Parse(text);
        Assert.Equal(read, fast);
        Assert.Equal(nodaTimeReads, pattern.Success);
        if (read)
        {
            Assert.Equal(pattern.Value.ToInstant(), instant);
            Assert.Equal(Strings.Read(text, "placed_at"), instant);
        }
    }

    private static Gen<string> Decimals =>
        from digits in Gen.Choose(0, 22)
        from fraction in Gen.Choose(-1, 12)
        from first in Gen.Elements('0', '1', '5', '9')
        from separator in Gen.Elements('.', ',')
        select (digits == 0 ? string.Empty : first + new string('7', digits - 1)) + (fraction < 0 ? string.Empty : separator + new string('3', fraction));

    [Property(MaxTest = 3000)]
    public Property A_plain_decimal_read_from_bytes_is_decimal_Parse_with_its_scale()
    {
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;
        var comma = new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00A0" };
        var gen = Gen.Zip(Mutated(Decimals), Gen.Elements('.', ','));
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (text, separator) = t;
            bool fast = Utf8Cells.TryPlainDecimal(Encoding.UTF8.GetBytes(text), (byte)separator, out decimal value);
            bool parsed = decimal.TryParse(text, style, separator == '.' ? NumberFormatInfo.InvariantInfo : comma, out decimal reference);
            if (fast && !(parsed && decimal.GetBits(value).SequenceEqual(decimal.GetBits(reference))))
            {
                return false;
            }

            // Every plain number of at most 18 digits is read here, not left to the slow path.
            int at = text.IndexOf(separator, StringComparison.Ordinal);
            string whole = at < 0 ? text : text[..at], part = at < 0 ? string.Empty : text[(at + 1)..];
            bool plain = whole.Length > 0 && whole.All(char.IsAsciiDigit) && part.All(char.IsAsciiDigit) && (at < 0 || part.Length > 0) && whole.Length + part.Length <= 18;
            return fast == plain;
        });
    }

    private static int FractionDigits(string text)
    {
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return 0;
        }

        int n = 0;
        while (dot + 1 + n < text.Length && char.IsAsciiDigit(text[dot + 1 + n]))
        {
            n++;
        }

        return n;
    }
}
