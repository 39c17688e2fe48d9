using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.Text;

namespace CxMetrics.Csv.Tests;

public class TimestampReaderTests
{
    private static readonly OffsetDateTimePattern Pattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>");

    [Property(MaxTest = 500)]
    public Property Fast_iso_path_agrees_with_the_nodatime_pattern()
    {
        var gen =
            from ticks in Gen.Choose(0, int.MaxValue)
            from year in Gen.Choose(1, 9999)
            from nanos in Gen.Elements(0L, 100_000_000L, 123_456_789L, 500_000L)
            from offsetMinutes in Gen.Choose(-18 * 60, 18 * 60)
            select new LocalDateTime(year, 1, 1, 0, 0).PlusSeconds(ticks % (365L * 86400)).PlusNanoseconds(nanos).WithOffset(Offset.FromSeconds(offsetMinutes * 60));
        return Prop.ForAll(gen.ToArbitrary(), odt =>
        {
            string text = Pattern.Format(odt);
            string general = OffsetDateTimePattern.ExtendedIso.Format(odt); // "+07" or "Z" offsets: the fast path may decline, never disagree
            return TimestampReader.TryParseIsoWithOffset(text, out var fast) && fast == odt.ToInstant()
                && (!TimestampReader.TryParseIsoWithOffset(general, out var other) || other == odt.ToInstant());
        });
    }

    [Theory]
    [InlineData("2025-02-29T10:00:00Z")]
    [InlineData("2025-13-01T10:00:00Z")]
    [InlineData("2025-01-01T24:00:00Z")]
    [InlineData("2025-01-01T10:00:00+19:00")]
    [InlineData("2025-01-01T10:00:00.Z")]
    [InlineData("2025-01-01T10:00:00")]
    [InlineData("2025-01-01T10:00:00+0100")]
    public void Fast_path_declines_what_it_cannot_read_exactly(string text) =>
        Assert.False(TimestampReader.TryParseIsoWithOffset(text, out _));

    [Fact]
    public void Invalid_date_is_still_rejected_with_a_message()
    {
        var reader = new TimestampReader(CsvReadOptions.Default);
        var ex = Assert.Throws<CsvFieldException>(() => reader.Read("2025-02-29T10:00:00Z", "at"));
        Assert.Equal("at", ex.Column);
        Assert.Equal(Instant.FromUtc(2025, 3, 30, 0, 30), reader.Read("2025-03-30 01:30:00+01:00", "at"));
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59-18:00")]
    [InlineData("9999-12-31 23:59-18:00")]
    [InlineData("9999-12-31T23:59:59.5-01:00")]
    [InlineData("-9998-01-01T00:00:00+18:00")]
    public void Timestamp_beyond_the_instant_range_is_rejected_not_thrown(string text)
    {
        var reader = new TimestampReader(CsvReadOptions.Default);

        var ex = Assert.Throws<CsvFieldException>(() => reader.Read(text, "answered_at"));

        Assert.Equal("answered_at", ex.Column);
        Assert.Contains("outside the range of instants", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_time_beyond_the_instant_range_in_a_zone_is_rejected_not_thrown()
    {
        var reader = new TimestampReader(new CsvReadOptions { Zone = DateTimeZoneProviders.Tzdb["Etc/GMT+12"] });

        var ex = Assert.Throws<CsvFieldException>(() => reader.Read("9999-12-31T23:00:00", "at"));

        Assert.Contains("outside the range of instants", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Instant.FromUtc(9999, 12, 31, 11, 0), reader.Read("9999-12-30T23:00:00", "at"));
    }

    private static readonly string[] ZoneIds = [.. DateTimeZoneProviders.Tzdb.Ids];

    /// <summary>Any instant NodaTime has (both ends included, weighted towards them), in any Tzdb zone.</summary>
    private static readonly Gen<(Instant Instant, string Zone)> AnyInstantInAnyZone =
        from edge in Gen.Choose(0, 3)
        from fraction in Gen.Choose(0, int.MaxValue)
        from seconds in Gen.Choose(0, 3 * 86_400)
        from zone in Gen.Elements(ZoneIds)
        select (edge switch
        {
            0 => Instant.MinValue + Duration.FromSeconds(seconds),
            1 => Instant.MaxValue - Duration.FromSeconds(seconds),
            _ => Instant.FromUnixTimeTicks((long)(Instant.MinValue.ToUnixTimeTicks() + ((double)fraction / int.MaxValue * ((double)Instant.MaxValue.ToUnixTimeTicks() - Instant.MinValue.ToUnixTimeTicks())))),
        }, zone);

    [Property(MaxTest = 2_000)]
    public Property Every_instant_in_every_zone_reads_back_exactly_or_is_rejected_never_thrown()
    {
        // Written with its offset in the zone it reads back exactly (to the second; offsets with seconds, the local mean
        // times before standard time, have no ISO 8601 form and are skipped); written as the local time there, it reads back
        // exactly, or — skipped or repeated by a clock change, or beyond the range of instants — is rejected. Never another exception.
        return Prop.ForAll(AnyInstantInAnyZone.ToArbitrary(), x =>
        {
            var zone = DateTimeZoneProviders.Tzdb[x.Zone];
            var instant = Instant.FromUnixTimeSeconds(x.Instant.ToUnixTimeSeconds());
            ZonedDateTime local;
            try
            {
                local = instant.InZone(zone);
            }
            catch (ArgumentOutOfRangeException)
            {
                return true.Label("the local date lies beyond the calendar: no text to write"); // e.g. 9999-12-31T21:00Z in NZ
            }

            var reader = new TimestampReader(new CsvReadOptions { Zone = zone });
            string withOffset = Pattern.Format(local.ToOffsetDateTime());
            bool offsetRead = local.Offset.Seconds % 60 != 0 || (Outcome(() => reader.Read(withOffset, "at")) is (true, var a) && a == instant);
            string wall = LocalDateTimePattern.ExtendedIso.Format(local.LocalDateTime);
            int mappings = zone.MapLocal(local.LocalDateTime).Count;
            bool localRead = Outcome(() => reader.Read(wall, "at")) switch
            {
                (true, var b) => b == instant || mappings > 1,
                (false, _) => mappings != 1 || local.LocalDateTime.Year is 9999 or -9998,
            };
            return (offsetRead && localRead).Label($"{x.Zone}: {withOffset} / {wall}");
        });
    }

    [Property(MaxTest = 1_000)]
    public Property Offsets_at_both_ends_of_the_calendar_read_exactly_or_are_rejected_never_thrown()
    {
        var gen =
            from first in Gen.Elements(true, false)
            from seconds in Gen.Choose(0, 86_399)
            from offsetMinutes in Gen.Choose(-18 * 60, 18 * 60)
            select (first ? new LocalDateTime(-9998, 1, 1, 0, 0) : new LocalDateTime(9999, 12, 31, 0, 0)).PlusSeconds(seconds).WithOffset(Offset.FromSeconds(offsetMinutes * 60));
        var reader = new TimestampReader(CsvReadOptions.Default);
        return Prop.ForAll(gen.ToArbitrary(), odt =>
        {
            Instant? expected;
            try
            {
                expected = odt.ToInstant();
            }
            catch (OverflowException)
            {
                expected = null; // beyond the range of instants: the reader must reject it
            }

            string text = Pattern.Format(odt);
            var (read, value) = Outcome(() => reader.Read(text, "at"));
            return (expected is { } e ? read && value == e : !read).Label(text);
        });
    }

    /// <summary>Reads, turning only a <see cref="CsvFieldException"/> into "rejected"; any other exception fails the property.</summary>
    private static (bool Read, Instant Value) Outcome(Func<Instant> read)
    {
        try
        {
            return (true, read());
        }
        catch (CsvFieldException)
        {
            return (false, default);
        }
    }

    [Fact]
    public void Reader_rejects_the_row_of_an_out_of_range_timestamp_and_reads_on()
    {
        var records = SurveyCsv.Read(new StringReader("customer_id,answered_at,score\nc1,9999-12-31T23:59:59-18:00,7\nc2,2025-01-01T00:00:00Z,9\n"), 0, 10);

        Assert.Equal(["c2"], records.ToList().Select(r => r.CustomerId));
        var rejection = Assert.Single(records.Report.Rejections);
        Assert.Equal((2L, "answered_at"), (rejection.Line, rejection.Column));
        Assert.Equal((2L, 1L, 1L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected));
    }

    [Theory]
    [InlineData("2024-02-30T00:00:00Z", "day 30 does not exist in 2024-02, which has 29 days")]
    [InlineData("2025-13-01T10:00:00Z", "month 13 does not exist")]
    [InlineData("2025-01-01T25:00:00Z", "hour 25 is outside 00–23")]
    [InlineData("2025-01-01T10:61:00Z", "minute 61 is outside 00–59")]
    [InlineData("2016-12-31T23:59:60Z", "second 60 is a leap second")]
    [InlineData("2025-01-01T10:00:00+25:00", "UTC offset +25:00 is outside -18:00 to +18:00")]
    [InlineData("2025-01-01T10:00:00-18:30", "UTC offset -18:30 is outside")]
    [InlineData("2025-01-01T10:00:00+01:75", "UTC offset +01:75 is outside")]
    [InlineData("2024-02-30", "day 30 does not exist in 2024-02")]
    public void Out_of_range_field_is_named_not_reported_as_a_missing_offset(string text, string expected)
    {
        var reader = new TimestampReader(CsvReadOptions.Default);

        var ex = Assert.Throws<CsvFieldException>(() => reader.Read(text, "at"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("no UTC offset", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_field_is_named_when_a_zone_is_set_too()
    {
        var reader = new TimestampReader(new CsvReadOptions { Zone = DateTimeZone.Utc });

        var ex = Assert.Throws<CsvFieldException>(() => reader.Read("2024-02-30 10:00", "at"));

        Assert.Contains("day 30 does not exist in 2024-02", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_local_time_without_offset_is_still_reported_as_such()
    {
        var reader = new TimestampReader(CsvReadOptions.Default);

        Assert.Contains("has no UTC offset", Assert.Throws<CsvFieldException>(() => reader.Read("2024-02-28T10:00:00", "at")).Message, StringComparison.Ordinal);
        Assert.Contains("not an ISO 8601 timestamp with a UTC offset", Assert.Throws<CsvFieldException>(() => reader.Read("2024-02-28T10:00:00+0100", "at")).Message, StringComparison.Ordinal);
        Assert.Contains("not an ISO 8601 timestamp with a UTC offset", Assert.Throws<CsvFieldException>(() => reader.Read("2025-01-01T00:00:00Z\u0001junk", "at")).Message, StringComparison.Ordinal);
        Assert.Contains("not an ISO 8601 timestamp with a UTC offset", Assert.Throws<CsvFieldException>(() => reader.Read("yesterday", "at")).Message, StringComparison.Ordinal);
    }
}
