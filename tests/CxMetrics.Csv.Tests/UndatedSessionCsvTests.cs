using CxMetrics.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using CxMetrics.Conversion;

namespace CxMetrics.Csv.Tests;

/// <summary><see cref="SessionColumns.VisitorId"/> and <see cref="SessionColumns.StartedAt"/> set to <c>null</c>: the UCI online shoppers sessions as shipped.</summary>
public class UndatedSessionCsvTests
{
    // The header and first rows of the UCI online shoppers file (see samples/online-shoppers/ATTRIBUTION.md), reduced columns.
    private const string Uci =
        "Month,VisitorType,TrafficType,Region,Weekend,Revenue\n"
        + "Feb,Returning_Visitor,1,1,FALSE,FALSE\n"
        + "Feb,New_Visitor,2,1,TRUE,TRUE\n"
        + "Mar,Returning_Visitor,3,9,FALSE,maybe\n"
        + "Nov,Returning_Visitor,2,1,FALSE,TRUE\n";

    private static readonly SessionColumns UciColumns = new() { VisitorId = null, StartedAt = null, Converted = "Revenue", VisitorType = "VisitorType", TrafficSource = "TrafficType", Segment = "Month" };

    [Fact]
    public void Sessions_without_ids_or_dates_are_each_their_own_visitor_and_undated()
    {
        var records = SessionCsv.Read(new StringReader(Uci), UciColumns);
        var sessions = records.ToList();

        Assert.Equal(["row 1", "row 2", "row 4"], sessions.Select(s => s.VisitorId));
        Assert.All(sessions, s => Assert.Null(s.StartedAt));
        Assert.Equal([false, true, true], sessions.Select(s => s.Converted));
        Assert.Equal(["Feb", "Feb", "Nov"], sessions.Select(s => s.Segment));
        Assert.Equal((4L, 3L, 1L), (records.Report.RowsRead, records.Report.RowsAccepted, records.Report.RowsRejected));
    }

    [Fact]
    public void Without_the_null_columns_the_file_lacks_the_required_visitor_and_start()
    {
        var ex = Assert.Throws<CsvDataException>(() => SessionCsv.Read(new StringReader(Uci), new SessionColumns { Converted = "Revenue" }).ToList());
        Assert.Contains("visitor_id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undated_sessions_have_rates_but_no_periods()
    {
        var sessions = SessionCsv.Read(new StringReader(Uci), UciColumns).ToList();

        Assert.Equal(2.0 / 3, ConversionRate.Of(sessions, ConversionUnit.Session).Rate.Value!.Value, 12);
        Assert.Throws<ArgumentException>("sessions", () => ConversionRate.ByPeriod(sessions, ConversionUnit.Session, new PeriodGrid(NodaTime.DateTimeZone.Utc, Time.PeriodUnit.Month)));
    }

    [Property]
    public Property Each_undated_session_is_its_own_visitor_so_visitor_and_session_rates_agree(bool[] converted)
    {
        string text = "Revenue\n" + string.Concat(converted.Select(c => c ? "TRUE\n" : "FALSE\n"));
        var sessions = SessionCsv.Read(new StringReader(text), new SessionColumns { VisitorId = null, StartedAt = null, Converted = "Revenue" }).ToList();
        var perSession = ConversionRate.Of(sessions, ConversionUnit.Session);
        var perVisitor = ConversionRate.Of(sessions, ConversionUnit.Visitor);

        return (sessions.Count == converted.Length
            && sessions.Select(s => s.VisitorId).Distinct().Count() == converted.Length
            && perSession.Rate.Count == perVisitor.Rate.Count
            && perSession.Rate.Successes == perVisitor.Rate.Successes).ToProperty();
    }
}
