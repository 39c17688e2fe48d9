using CxMetrics.Csv;
using CxMetrics.Retention;

namespace CxMetrics.Cli.Commands;

/// <summary>The bundled IBM Telco sample (tenure in months, churn flag: right-censored) as <c>survival</c> and the charts read it.</summary>
internal static class SurvivalSection
{
    /// <summary>
    /// The bundled Telco file read as a duration/event file by <see cref="SurvivalCsv"/> (tenure in months, Churn yes/no,
    /// by contract), as <c>survival --columns duration=tenure,event=Churn --segment Contract</c> reads it; a row the reader
    /// rejects is a broken bundled file. Read as it is folded (one customer at a time into the tallies by contract).
    /// </summary>
    internal static IEnumerable<Customer> Load(string path)
    {
        var records = SurvivalCsv.Read(path, new SurvivalColumns { Duration = "tenure", Event = "Churn", Id = "customerID", Segment = "Contract" }, new CsvReadOptions { Strict = true });
        foreach (var record in records)
        {
            yield return new Customer(record.Segment ?? "(none)", record.Observation);
        }
    }

    internal sealed record Customer(string Contract, SurvivalObservation Observation);
}
