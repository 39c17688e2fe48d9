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
}
