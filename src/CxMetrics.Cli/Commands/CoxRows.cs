using CxMetrics.Csv;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// What the Cox regression (<c>survival --cox</c>) remembers of a duration/event file while it is read: each distinct row —
/// entry, duration, event, case weight, covariate values as written, stratum — once, with how many rows of the file have it
/// (the fit takes them as frequency counts, <see cref="Retention.CoxRegression.Fit(IReadOnlyList{Retention.SurvivalObservation}, IReadOnlyList{int}, Retention.CoxDesign, Retention.CoxOptions?)"/>,
/// and equals the fit on the rows). With categorical covariates the distinct rows are bounded by the distinct durations
/// times the level combinations, whatever the number of customers; a numeric covariate with many values (a monthly charge)
/// makes nearly every row distinct, and then the rows are what the fit must remember. A row with an empty or <c>NA</c>
/// covariate is counted and left out (R's <c>na.omit</c>).
/// </summary>
internal sealed class CoxRows
{
    private readonly Dictionary<SurvivalRecord, int> index = new(SameFitRow.Instance);
    private readonly List<SurvivalRecord> rows = [];
    private readonly List<int> counts = [];
    private readonly List<long> firstPositions = [];
    private long kept;

    /// <summary>The distinct rows, each as first read (its id names it in messages), in the order first read.</summary>
    public IReadOnlyList<SurvivalRecord> Rows => rows;

    /// <summary>How many kept rows each distinct row stands for.</summary>
    public IReadOnlyList<int> Counts => counts;

    /// <summary>Rows left out for an empty or NA covariate.</summary>
    public long Missing { get; private set; }

    /// <summary>The position of a distinct row's first occurrence among the kept rows (0-based), for messages.</summary>
    public long FirstPosition(int row) => firstPositions[row];

    public void Add(SurvivalRecord row)
    {
        foreach (string? value in row.Covariates)
        {
            if (value is null or "NA")
            {
                Missing++;
                return;
            }
        }

        if (index.TryGetValue(row, out int at))
        {
            counts[at] = checked(counts[at] + 1);
        }
        else
        {
            index.Add(row, rows.Count);
            rows.Add(row);
            counts.Add(1);
            firstPositions.Add(kept);
        }

        kept++;
    }

    /// <summary>Two rows are the same to the fit when entry, duration, event, weight, stratum and every covariate text agree (the id and segment do not matter).</summary>
    private sealed class SameFitRow : IEqualityComparer<SurvivalRecord>
    {
        public static readonly SameFitRow Instance = new();

        public bool Equals(SurvivalRecord? x, SurvivalRecord? y)
        {
            if (x is null || y is null)
            {
                return ReferenceEquals(x, y);
            }

            var a = x.Observation;
            var b = y.Observation;
            return a.Duration == b.Duration && a.Event == b.Event && a.Entry == b.Entry && a.Weight == b.Weight
                && string.Equals(x.Stratum, y.Stratum, StringComparison.Ordinal)
                && x.Covariates.SequenceEqual(y.Covariates, StringComparer.Ordinal);
        }

        public int GetHashCode(SurvivalRecord row)
        {
            var o = row.Observation;
            var hash = new HashCode();
            hash.Add(o.Duration);
            hash.Add(o.Event);
            hash.Add(o.Entry);
            hash.Add(o.Weight);
            hash.Add(row.Stratum, StringComparer.Ordinal);
            foreach (string? value in row.Covariates)
            {
                hash.Add(value, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
