using CxMetrics.Commerce;
using CxMetrics.Csv;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The bundled CDNOW sample as the retention charts read it: through the one CDNOW reader (<see cref="CdnowCsv"/>, dates at
/// midnight UTC), judged at <see cref="AsOf"/>. (The report's retention tables are the cohorts and churn tables of
/// <c>report</c>; this class is what the charts still call.)
/// </summary>
internal static class RetentionSection
{
    internal static readonly Instant AsOf = Instant.FromUtc(1998, 7, 1, 0, 0);

    internal static Order[] ReadCdnow() => [.. CdnowCsv.Read(Sample.SampleFiles.Path("cdnow", "CDNOW_sample.txt"), strict: true)];
}
