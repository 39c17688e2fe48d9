using CxMetrics.Experiments;

namespace CxMetrics.Portable;

/// <summary>
/// Payload of <see cref="ExperimentTally"/>: the customers, then the cells ordered by segment (ordinal, customers without
/// a segment last) and arm (ordinal), each with its segment, arm, pending, observed and converted customers, and the
/// revenue mean and M₂ of the observed. No customer id.
/// </summary>
internal sealed class ExperimentTallyCodec : TallyCodec<ExperimentTally>
{
    public override TallyKind Kind => TallyKind.Experiment;

    public override string Name => "experiment";

    public override void Write(ExperimentTally tally, TallyFieldWriter writer)
    {
        writer.Int64("customers", tally.Customers);
        var cells = tally.Cells.ToArray();
        Array.Sort(cells, static (a, b) => Compare(a, b));
        writer.BeginArray("cells", cells.Length);
        foreach (var c in cells)
        {
            writer.BeginItem();
            writer.String("segment", c.Segment);
            writer.String("arm", c.Arm);
            writer.Int64("pending", c.Pending);
            writer.Int64("observed", c.Observed);
            writer.Int64("converted", c.Converted);
            writer.Double("revenueMean", c.RevenueMean);
            writer.Double("revenueSumOfSquaredDeviations", c.RevenueSumOfSquaredDeviations);
            writer.EndItem();
        }

        writer.EndArray();
    }

    public override ExperimentTally Read(TallyFieldReader reader)
    {
        long customers = reader.Int64("customers");
        int n = reader.BeginArray("cells", 48);
        var cells = new ExperimentCell[n];
        for (int i = 0; i < n; i++)
        {
            reader.BeginItem();
            string? segment = reader.String("segment");
            string arm = reader.RequiredString("arm");
            long pending = reader.Int64("pending"), observed = reader.Int64("observed"), converted = reader.Int64("converted");
            double mean = reader.Double("revenueMean"), m2 = reader.Double("revenueSumOfSquaredDeviations");
            reader.EndItem();
            cells[i] = new ExperimentCell(segment, arm, pending, observed, converted, mean, m2);
            if (i > 0 && Compare(cells[i - 1], cells[i]) >= 0)
            {
                throw TallyFieldReader.Invalid($"cell {i} (segment '{segment}', arm '{arm}') is out of order or repeated.");
            }
        }

        reader.EndArray();
        var tally = ExperimentTally.FromCounts(cells);
        if (tally.Customers != customers)
        {
            throw TallyFieldReader.Invalid($"the cells count {tally.Customers} customers but the header says {customers}.");
        }

        return tally;
    }

    /// <summary>The payload's cell order: segment (null last), then arm, both ordinal.</summary>
    private static int Compare(ExperimentCell a, ExperimentCell b)
    {
        int c = (a.Segment is null).CompareTo(b.Segment is null);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Segment, b.Segment);
        }

        return c != 0 ? c : string.CompareOrdinal(a.Arm, b.Arm);
    }
}
