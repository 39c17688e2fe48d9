using CxMetrics.Cli.Commands;
using CxMetrics.Cli.Input;
using CxMetrics.Conversion;

namespace CxMetrics.Cli.Sample;

/// <summary>
/// The UCI online shoppers sessions (samples/online-shoppers, CC BY 4.0), read as a user's file is: through the mapping
/// file <c>samples/maps/online-shoppers.json</c> (no visitor id, no start time: each session is its own visitor and has no
/// period; <c>Revenue</c> → converted, <c>VisitorType</c>, <c>TrafficType</c> → traffic source, <c>Month</c> → segment),
/// so the bundled tables are those of <c>cxmetrics conversion samples/online-shoppers/sessions.csv --map samples/maps/online-shoppers.json</c>.
/// </summary>
internal static class OnlineShoppersSample
{
    /// <summary>The months in calendar order, as the data set spells them (<c>June</c> in full).</summary>
    public static readonly string[] MonthOrder = ["Jan", "Feb", "Mar", "Apr", "May", "June", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static IReadOnlyList<Session> Load()
    {
        string map = SampleFiles.Path("maps", "online-shoppers.json");
        var settings = new CliSettings { Input = InputSettings.Default with { Map = MappingFile.Read(map), MapName = map } };
        var records = MappedRead.Sessions(SampleFiles.Path("online-shoppers", "sessions.csv"), settings);
        var sessions = records.ToList();
        return records.Report.RowsRejected == 0 ? sessions : throw new InvalidDataException($"the online shoppers sample has {records.Report.RowsRejected} rejected rows.");
    }
}
