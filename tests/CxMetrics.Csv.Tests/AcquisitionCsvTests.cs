using CxMetrics.Acquisition;
using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CxMetrics.Csv.Tests;

public class AcquisitionCsvTests
{
    private static readonly PeriodGrid Monthly = new(DateTimeZone.Utc, PeriodUnit.Month);

    [Fact]
    public void Sign_ups_are_read_with_source_and_campaign_and_bad_rows_are_rejected_with_their_line_and_one_reason()
    {
        const string Text = "customer_id,acquired_at,source,campaign\n"
            + "c1,2024-01-05T09:00:00Z,search,spring\n"
            + "c2,2024-01-06T10:00:00Z,,\n"
            + ",2024-01-07T10:00:00Z,social,\n"
            + "c4,yesterday,social,\n"
            + "c5,2024-02-01,email,\n";
        var records = AcquisitionCsv.Read(new StringReader(Text), options: new CsvReadOptions { Zone = DateTimeZone.Utc });
        var rows = records.ToList();

        Assert.Equal((5L, 3L, 2L, 0L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected, records.Report.RowsSkipped));
        Assert.Equal(records.Report.RowsRead, records.Report.RowsAccepted + records.Report.RowsRejected + records.Report.RowsSkipped);
        Assert.Equal(new AcquiredCustomer("c1", Instant.FromUtc(2024, 1, 5, 9, 0), "search", "spring"), rows[0]);
        Assert.Equal((null, null), (rows[1].Source, rows[1].Campaign));
        Assert.Equal(Instant.FromUtc(2024, 2, 1, 0, 0), rows[2].AcquiredAt); // a date is the start of its day in the options' zone
        Assert.Equal([(4L, "customer_id"), (5L, "acquired_at")], records.Report.Rejections.Select(r => (r.Line, r.Column)));
        Assert.All(records.Report.Rejections, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
    }

    [Fact]
    public void Sign_up_columns_are_mapped_by_name_and_unmapped_optional_columns_are_ignored()
    {
        const string Text = "user,signup,channel,utm\nu1,2024-03-01T00:00:00Z,ads,x\n";
        var rows = AcquisitionCsv.Read(new StringReader(Text), new AcquisitionColumns { CustomerId = "user", AcquiredAt = "signup", Source = "channel", Campaign = null }).ToList();

        Assert.Equal(("u1", "ads", (string?)null), (rows[0].CustomerId, rows[0].Source, rows[0].Campaign));
    }

    [Fact]
    public void A_missing_required_sign_up_column_fails_the_read_naming_it()
    {
        var e = Assert.Throws<CsvDataException>(() => AcquisitionCsv.Read(new StringReader("customer_id,source\nc1,ads\n")).ToList());
        Assert.Contains("acquired_at", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spend_is_read_per_source_and_period_and_a_date_inside_a_period_is_rejected_naming_its_first_day()
    {
        const string Text = "source,period_start,amount,currency\n"
            + "search,2024-01-01,1200.50,EUR\n"
            + "social,2024-01-15,300,EUR\n"
            + "social,2024-02-01,-5,EUR\n"
            + "email,2024-02-01,10,USD\n"
            + "email,March,10,EUR\n"
            + "email,2024-03-01,0,\n";
        var records = AcquisitionSpendCsv.Read(new StringReader(Text), Monthly, options: new CsvReadOptions { Currency = "EUR" });
        var rows = records.ToList();

        Assert.Equal((6L, 2L, 4L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected));
        Assert.Equal(new AcquisitionSpend("search", Monthly.Containing(new LocalDate(2024, 1, 1)), 1200.50m, "EUR"), rows[0]);
        Assert.Equal(("email", 0m, "EUR"), (rows[1].Source, rows[1].Amount, rows[1].Currency)); // the empty cell takes the fixed currency
        Assert.Equal([3L, 4L, 5L, 6L], records.Report.Rejections.Select(r => r.Line));
        Assert.Contains("2024-01-01", records.Report.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("negative", records.Report.Rejections[1].Reason, StringComparison.Ordinal);
        Assert.Contains("USD", records.Report.Rejections[2].Reason, StringComparison.Ordinal);
        Assert.Contains("ISO date", records.Report.Rejections[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Weekly_spend_must_start_on_the_grid_s_week_start()
    {
        var sundays = new PeriodGrid(DateTimeZone.Utc, PeriodUnit.Week, IsoDayOfWeek.Sunday);
        const string Text = "source,period_start,amount\nads,2024-01-07,10\nads,2024-01-08,10\n";
        var records = AcquisitionSpendCsv.Read(new StringReader(Text), sundays, options: new CsvReadOptions { Currency = "EUR" });
        var rows = records.ToList();

        Assert.Single(rows);
        Assert.Equal(new LocalDate(2024, 1, 7), rows[0].Period.Start);
        Assert.Equal(3L, records.Report.Rejections.Single().Line);
    }

    [Fact]
    public void Arguments_are_checked_naming_the_parameter()
    {
        Assert.Throws<ArgumentNullException>("grid", () => AcquisitionSpendCsv.Read(new StringReader(""), null!));
        Assert.Throws<ArgumentNullException>("reader", () => AcquisitionCsv.Read((TextReader)null!));
        Assert.Throws<ArgumentException>("path", () => AcquisitionCsv.Read(" "));
    }

    [Property(MaxTest = 60)]
    public Property Every_sign_up_row_is_accepted_or_rejected_and_the_accepted_ones_are_the_valid_ones() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var rng = new Random(seed);
            var text = new System.Text.StringBuilder("customer_id,acquired_at,source\n");
            int n = rng.Next(0, 40), valid = 0;
            for (int i = 0; i < n; i++)
            {
                bool good = rng.Next(4) > 0;
                valid += good ? 1 : 0;
                text.Append(good ? $"c{i},2024-01-{1 + rng.Next(28):00}T10:00:00Z,s{rng.Next(3)}\n" : (rng.Next(2) == 0 ? $",2024-01-01,s\n" : $"c{i},not a time,s\n"));
            }

            var records = AcquisitionCsv.Read(new StringReader(text.ToString()));
            int accepted = records.Count();
            return accepted == valid && records.Report.RowsRead == n && records.Report.RowsRejected == n - valid
                && records.Report.Rejections.Select(r => r.Line).Distinct().Count() == n - valid;
        });
}
