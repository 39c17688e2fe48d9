using System.Globalization;
using CxMetrics.Retention;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CxMetrics.Csv.Tests;

public class SurvivalCsvTests
{
    private static readonly SurvivalColumns Telco = new() { Duration = "tenure", Event = "Churn", Id = "customerID", Segment = "Contract" };

    private static string TelcoSample => Path.Combine(AppContext.BaseDirectory, "samples", "telco", "telco_churn_tenure.csv");

    [Fact]
    public void Telco_as_shipped_reads_every_customer_with_yes_no_churn_and_the_contract_segment()
    {
        var records = SurvivalCsv.Read(TelcoSample, Telco);
        var rows = records.ToList();

        Assert.Equal((7043L, 7043L, 0L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected));
        Assert.Equal(("7590-VHVEG", 1.0, false, "Month-to-month"), (rows[0].Id, rows[0].Observation.Duration, rows[0].Observation.Event, rows[0].Segment));
        Assert.Equal(["Month-to-month", "One year", "Two year"], rows.Select(r => r.Segment).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(1869, rows.Count(r => r.Observation.Event));
    }

    [Fact]
    public void An_entry_column_gives_delayed_entry_and_an_entry_not_before_its_duration_rejects_the_row()
    {
        const string Text = "entry,duration,event,region\n0,5,yes,north\n2,6,no,south\n,7,yes,south\n6,6,yes,north\n-1,4,no,north\n";
        var records = SurvivalCsv.Read(new StringReader(Text), new SurvivalColumns { Stratum = "region" });
        var rows = records.ToList();

        Assert.Equal((5L, 3L, 2L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected));
        Assert.Equal([0.0, 2, 0], rows.Select(r => r.Observation.Entry));
        Assert.Equal(["north", "south", "south"], rows.Select(r => r.Stratum));
        Assert.Null(SurvivalCsv.Read(new StringReader(Text)).First().Stratum); // no stratum column unless one is named
        var curve = KaplanMeier.Fit(rows.Select(r => r.Observation));
        Assert.Equal([3.0, 2, 1], curve.Steps.Select(s => s.AtRisk)); // the entrant at 2 is at risk at 5
    }

    [Fact]
    public void Telco_tenure_zero_customers_are_kept_censored_at_zero()
    {
        var rows = SurvivalCsv.Read(TelcoSample, Telco).ToList();
        var zero = rows.Where(r => r.Observation.Duration == 0).ToList();

        Assert.Equal(11, zero.Count);
        Assert.All(zero, r => Assert.False(r.Observation.Event));
        var curve = KaplanMeier.Fit(rows.Select(r => r.Observation));
        Assert.DoesNotContain(curve.Steps, s => s.Time == 0 && s.Survival < 1);
    }

    [Fact]
    public void Telco_sample_gives_the_same_kaplan_meier_as_observations_built_by_hand()
    {
        var byHand = new List<(string Contract, SurvivalObservation Observation)>();
        foreach (string line in File.ReadLines(TelcoSample).Skip(1))
        {
            string[] f = line.Split(',');
            byHand.Add((f[2], new SurvivalObservation(double.Parse(f[1], CultureInfo.InvariantCulture), f[6] == "Yes", id: f[0])));
        }

        var read = SurvivalCsv.Read(TelcoSample, Telco).ToList();

        Assert.Equal(KaplanMeier.Fit(byHand.Select(h => h.Observation)).Steps, KaplanMeier.Fit(read.Select(r => r.Observation)).Steps);
        foreach (string contract in byHand.Select(h => h.Contract).Distinct())
        {
            Assert.Equal(
                KaplanMeier.Fit(byHand.Where(h => h.Contract == contract).Select(h => h.Observation)).Median,
                KaplanMeier.Fit(read.Where(r => r.Segment == contract).Select(r => r.Observation)).Median);
        }
    }

    [Theory]
    [InlineData("-1", "negative")]
    [InlineData("NaN", "not a finite number")]
    [InlineData("12 months", "not a finite number")]
    [InlineData("", "is empty")]
    public void Bad_durations_are_rejected_with_line_and_column(string duration, string reason)
    {
        var records = SurvivalCsv.Read(new StringReader($"id,duration,event\na,3,yes\nb,{duration},no\n"));

        Assert.Single(records.ToList());
        var rejection = Assert.Single(records.Report.Rejections);
        Assert.Equal((3L, "duration"), (rejection.Line, rejection.Column));
        Assert.Contains(reason, rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_cell_that_is_not_yes_or_no_is_rejected_and_a_missing_event_column_stops_the_read()
    {
        var records = SurvivalCsv.Read(new StringReader("duration,event\n3,churned\n4,1\n"));
        Assert.Equal([true], records.ToList().Select(r => r.Observation.Event));
        Assert.Equal("event", Assert.Single(records.Report.Rejections).Column);

        var missing = Assert.Throws<CsvDataException>(() => SurvivalCsv.Read(new StringReader("tenure,Churn\n3,No\n")).ToList());
        Assert.Contains("'duration' is missing", missing.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 100)]
    public Property Any_table_read_as_csv_gives_the_kaplan_meier_of_its_rows()
    {
        var row = from d in Gen.Choose(0, 40) from e in Gen.Elements(true, false) from g in Gen.Elements("A", "B", "") select (Item1: d, Item2: e, Item3: g);
        return Prop.ForAll(row.ListOf().ToArbitrary(), generated =>
        {
            var rows = generated.ToList();
            string csv = "duration,event,segment\n" + string.Concat(rows.Select(r => $"{r.Item1},{(r.Item2 ? "Yes" : "No")},{r.Item3}\n"));
            var read = SurvivalCsv.Read(new StringReader(csv)).ToList();
            var expected = KaplanMeier.Fit(rows.Select(r => new SurvivalObservation(r.Item1, r.Item2)));
            return read.Count == rows.Count
                && KaplanMeier.Fit(read.Select(r => r.Observation)).Steps.SequenceEqual(expected.Steps)
                && read.Select(r => r.Segment).SequenceEqual(rows.Select(r => r.Item3.Length == 0 ? null : r.Item3));
        });
    }
}
