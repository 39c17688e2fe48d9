using System.Globalization;
using CxMetrics.Conversion;
using NodaTime;

namespace CxMetrics.Cli.Sample;

/// <summary>
/// The UCI online shoppers sessions (samples/online-shoppers, CC BY 4.0) as <see cref="Session"/>s. The data have no
/// ids, timestamps or year: each session is its own visitor (as the data set documents), and a session's instant is set
/// to the 1st of its month in a nominal year 2000 only so that it is a valid <see cref="Session"/> — the report groups
/// by month name, never by date. The file has no quoted fields (its README guarantees no field contains a comma).
/// </summary>
internal static class OnlineShoppersSample
{
    public static readonly string[] MonthOrder = ["Jan", "Feb", "Mar", "Apr", "May", "June", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static IReadOnlyList<Session> Load()
    {
        var lines = File.ReadAllLines(SampleFiles.Path("online-shoppers", "sessions.csv"));
        var header = lines[0].Split(',');
        int month = Array.IndexOf(header, "Month"), visitor = Array.IndexOf(header, "VisitorType"),
            traffic = Array.IndexOf(header, "TrafficType"), revenue = Array.IndexOf(header, "Revenue");
        var sessions = new List<Session>(lines.Length - 1);
        for (int i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            int m = Array.IndexOf(MonthOrder, f[month]) + 1;
            if (m == 0 || f.Length != header.Length)
            {
                throw new InvalidDataException($"line {i + 1} of the online shoppers sample is malformed: '{lines[i]}'.");
            }

            sessions.Add(new Session($"s{i}", Instant.FromUtc(2000, m, 1, 0, 0), f[revenue] == "TRUE")
            {
                Id = i.ToString(CultureInfo.InvariantCulture),
                VisitorType = f[visitor].Replace('_', ' '),
                TrafficSource = "traffic type " + f[traffic],
            });
        }

        return sessions;
    }
}
