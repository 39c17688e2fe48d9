using CxMetrics.Commerce;
using CxMetrics.Csv;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The bundled CDNOW sample as the CLV chart reads it: through the one CDNOW reader (<see cref="CdnowCsv"/>, dates at
/// midnight UTC, the file's customer ids as they are). (The report's CLV tables are those of <c>clv</c>; this class is what
/// the charts still call.)
/// </summary>
internal static class ClvSection
{
    /// <summary>The zone the CLV chart cuts weeks in: UTC, as <see cref="CdnowCsv"/> dates the orders.</summary>
    internal static readonly DateTimeZone Zone = DateTimeZone.Utc;

    internal static List<Order> ReadOrders(string path) => [.. CdnowCsv.Read(path, strict: true)];
}
