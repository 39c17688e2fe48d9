using NodaTime;

namespace CxMetrics.Csv.Tests;

/// <summary><see cref="CsvReadOptions.TimestampPattern"/>: NodaTime pattern text with or without offset, and date-only patterns.</summary>
public class TimestampPatternTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static CsvRecords<Instant> Read(string cells, CsvReadOptions options) =>
        CsvTable.Read(new StringReader("at\n" + cells), ["at"], row => row.GetInstant("at"), options);

    [Fact]
    public void Shopify_offset_pattern_reads_as_written_without_a_zone()
    {
        var options = new CsvReadOptions { TimestampPattern = "uuuu-MM-dd HH:mm:ss o<+HHmm>" };

        var records = Read("2024-01-15 10:23:45 -0500\n2024-07-01 00:00:00 +0200\n", options);

        Assert.Equal([Instant.FromUtc(2024, 1, 15, 15, 23, 45), Instant.FromUtc(2024, 6, 30, 22, 0, 0)], records.ToList());
        Assert.Equal((2L, 2L), (records.Report.RowsRead, records.Report.RowsAccepted));
    }

    [Theory]
    [InlineData("dd/MM/uuuu HH:mm", "15/01/2024 10:23", 2024, 1, 15, 9, 23)]
    [InlineData("MM/dd/uuuu", "01/15/2024", 2024, 1, 14, 23, 0)]
    [InlineData("uuuuMMdd", "19970101", 1996, 12, 31, 23, 0)]
    [InlineData("dd.MM.uuuu HH:mm:ss", "30.06.2024 14:05:00", 2024, 6, 30, 12, 5)]
    public void Local_and_date_patterns_are_read_in_the_zone(string pattern, string cell, int year, int month, int day, int hour, int minute)
    {
        var records = Read(cell + "\n", new CsvReadOptions { TimestampPattern = pattern, Zone = Berlin });

        Assert.Equal([Instant.FromUtc(year, month, day, hour, minute)], records.ToList());
    }

    [Fact]
    public void A_date_whose_midnight_a_clock_change_skips_starts_at_the_first_instant_of_that_day()
    {
        // Brazil moved its clocks from 00:00 to 01:00 on 2018-11-04: that day has no midnight in America/Sao_Paulo.
        var saoPaulo = DateTimeZoneProviders.Tzdb["America/Sao_Paulo"];
        var expected = Instant.FromUtc(2018, 11, 4, 3, 0); // 01:00 at -02:00

        var patterned = Read("20181104\n", new CsvReadOptions { TimestampPattern = "uuuuMMdd", Zone = saoPaulo });
        var iso = Read("2018-11-04\n", new CsvReadOptions { Zone = saoPaulo });

        Assert.Equal([expected], patterned.ToList());
        Assert.Equal([expected], iso.ToList());
        Assert.Equal(saoPaulo.AtStartOfDay(new LocalDate(2018, 11, 4)).ToInstant(), expected);
    }

    [Fact]
    public void A_midnight_that_a_clock_change_skips_is_still_rejected_when_the_pattern_has_a_time()
    {
        var saoPaulo = DateTimeZoneProviders.Tzdb["America/Sao_Paulo"];

        var records = Read("04/11/2018 00:30\n", new CsvReadOptions { TimestampPattern = "dd/MM/uuuu HH:mm", Zone = saoPaulo });

        Assert.Empty(records.ToList());
        var rejection = Assert.Single(records.Report.Rejections);
        Assert.Equal(("at", 2L), (rejection.Column, rejection.Line));
        Assert.Contains("2018-11-04T00:30:00 does not exist in America/Sao_Paulo", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_that_a_clock_change_skips_whole_is_rejected()
    {
        // Samoa skipped 2011-12-30 when it moved across the date line.
        var records = Read("20111230\n20111231\n", new CsvReadOptions { TimestampPattern = "uuuuMMdd", Zone = DateTimeZoneProviders.Tzdb["Pacific/Apia"] });

        Assert.Single(records.ToList());
        var rejection = Assert.Single(records.Report.Rejections);
        Assert.Contains("day 2011-12-30 does not exist in Pacific/Apia", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_in_another_layout_is_rejected_naming_the_pattern()
    {
        var records = Read("2024-01-15 10:23\n", new CsvReadOptions { TimestampPattern = "dd/MM/uuuu HH:mm", Zone = Berlin });

        Assert.Empty(records.ToList());
        var rejection = Assert.Single(records.Report.Rejections);
        Assert.Equal("at", rejection.Column);
        Assert.Contains("'2024-01-15 10:23' is not a timestamp in the pattern 'dd/MM/uuuu HH:mm'", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Iso_timestamps_with_an_offset_are_read_whatever_the_pattern()
    {
        var records = Read("2024-01-15T10:23:45Z\n", new CsvReadOptions { TimestampPattern = "dd/MM/uuuu HH:mm", Zone = Berlin });

        Assert.Equal([Instant.FromUtc(2024, 1, 15, 10, 23, 45)], records.ToList());
    }

    [Theory]
    [InlineData("uuuu-MM-dd HH:mm:ss o<+HHmm")]
    [InlineData("uuuu-QQ")]
    [InlineData("dd/MM/uuuu HH:mm x")]
    public void Invalid_pattern_text_is_refused_naming_the_pattern(string pattern)
    {
        var ex = Assert.Throws<ArgumentException>("TimestampPattern", () => new CsvReadOptions { TimestampPattern = pattern });

        Assert.Contains($"'{pattern}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_pattern_text_is_refused() =>
        Assert.Contains("empty", Assert.Throws<ArgumentException>("TimestampPattern", () => new CsvReadOptions { TimestampPattern = " " }).Message, StringComparison.Ordinal);

    [Fact]
    public void A_pattern_without_offset_and_no_zone_is_refused_when_the_read_starts()
    {
        var ex = Assert.Throws<ArgumentException>("options", () => Read("15/01/2024 10:23\n", new CsvReadOptions { TimestampPattern = "dd/MM/uuuu HH:mm" }));

        Assert.Contains("TimestampPattern 'dd/MM/uuuu HH:mm'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CsvReadOptions.Zone", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pattern_and_unix_time_together_are_refused_naming_both()
    {
        var ex = Assert.Throws<ArgumentException>("options", () => Read("1\n", new CsvReadOptions { TimestampPattern = "uuuuMMdd", Zone = Berlin, UnixTime = UnixTimeUnit.Seconds }));

        Assert.Contains("UnixTime", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TimestampPattern", ex.Message, StringComparison.Ordinal);
    }
}
