using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Csv.Tests;

/// <summary><see cref="CsvReadOptions.UnixTime"/>: timestamps as whole seconds, milliseconds or microseconds since 1970.</summary>
public class UnixTimeTests
{
    private static CsvRecords<Instant> Read(string cells, UnixTimeUnit unit) =>
        CsvTable.Read(new StringReader("ts\n" + cells), ["ts"], row => row.GetInstant("ts"), new CsvReadOptions { UnixTime = unit });

    [Fact]
    public void Otto_milliseconds_read_to_the_millisecond()
    {
        // The first event of the OTTO training data: ts 1659304800025 (2022-08-01, a Monday, 00:00:00.025 in Berlin summer time).
        var records = Read("1659304800025\n", UnixTimeUnit.Milliseconds);

        Assert.Equal([Instant.FromUtc(2022, 7, 31, 22, 0, 0).PlusNanoseconds(25_000_000)], records.ToList());
    }

    [Theory]
    [InlineData(UnixTimeUnit.Seconds, "1705332225", 0L)]
    [InlineData(UnixTimeUnit.Milliseconds, "1705332225123", 123_000_000L)]
    [InlineData(UnixTimeUnit.Microseconds, "1705332225123456", 123_456_000L)]
    public void Each_unit_reads_its_scale(UnixTimeUnit unit, string cell, long nanos)
    {
        var records = Read(cell + "\n", unit);

        Assert.Equal([Instant.FromUtc(2024, 1, 15, 15, 23, 45).PlusNanoseconds(nanos)], records.ToList());
    }

    [Fact]
    public void Negative_values_are_before_1970() =>
        Assert.Equal([Instant.FromUtc(1969, 12, 31, 23, 59, 59)], Read("-1\n", UnixTimeUnit.Seconds).ToList());

    [Theory]
    [InlineData(UnixTimeUnit.Seconds, "1705332225.5", "is not a Unix time (expected a whole number of seconds")]
    [InlineData(UnixTimeUnit.Milliseconds, "1.659e12", "is not a Unix time (expected a whole number of milliseconds")]
    [InlineData(UnixTimeUnit.Seconds, "2024-01-15T10:00:00Z", "is not a Unix time")]
    [InlineData(UnixTimeUnit.Seconds, "253402300800", "lies outside the range of instants")]
    [InlineData(UnixTimeUnit.Seconds, "-9223372036854775808", "lies outside the range of instants")]
    [InlineData(UnixTimeUnit.Microseconds, "9223372036854775807", "lies outside the range of instants")]
    [InlineData(UnixTimeUnit.Milliseconds, "99999999999999999999", "is not a Unix time")]
    public void Bad_cells_reject_their_row_naming_the_column(UnixTimeUnit unit, string cell, string why)
    {
        var records = Read($"0\n{cell}\n", unit);

        Assert.Single(records.ToList());
        var rejection = Assert.Single(records.Report.Rejections);
        Assert.Equal(("ts", 3L), (rejection.Column, rejection.Line));
        Assert.Contains($"'{cell}'", rejection.Reason, StringComparison.Ordinal);
        Assert.Contains(why, rejection.Reason, StringComparison.Ordinal);
    }

    [Property(MaxTest = 300)]
    public Property Any_instant_in_range_written_in_each_unit_reads_back_exactly()
    {
        long minSeconds = Instant.MinValue.ToUnixTimeSeconds() + 1;
        long maxSeconds = Instant.MaxValue.ToUnixTimeSeconds() - 1;
        var gen =
            from high in Gen.Choose(0, int.MaxValue)
            from low in Gen.Choose(0, (1 << 20) - 1)
            from edge in Gen.Elements<long?>(null, null, null, minSeconds, maxSeconds, 0, -1)
            let seconds = edge ?? minSeconds + ((((long)high << 20) | (uint)low) % (maxSeconds - minSeconds + 1))
            from micros in Gen.Choose(0, 999_999)
            select Instant.FromUnixTimeSeconds(seconds).PlusNanoseconds(micros * 1000L);
        return Prop.ForAll(gen.ToArbitrary(), instant =>
        {
            var whole = Instant.FromUnixTimeSeconds(instant.ToUnixTimeSeconds());
            var milli = Instant.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds());
            long micro = instant.ToUnixTimeTicks() / 10;
            return Read(string.Create(CultureInfo.InvariantCulture, $"{instant.ToUnixTimeSeconds()}\n"), UnixTimeUnit.Seconds).Single() == whole
                && Read(string.Create(CultureInfo.InvariantCulture, $"{instant.ToUnixTimeMilliseconds()}\n"), UnixTimeUnit.Milliseconds).Single() == milli
                && Read(string.Create(CultureInfo.InvariantCulture, $"{micro}\n"), UnixTimeUnit.Microseconds).Single() == instant;
        });
    }
}
