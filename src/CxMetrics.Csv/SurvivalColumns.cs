namespace CxMetrics.Csv;

/// <summary>
/// Header names of a survival file: one row per subject (customer, subscription) with how long it was observed and whether
/// the observation ended with the event. Optional columns may be absent; set one to <c>null</c> to ignore it. The IBM Telco
/// churn sample as shipped is <c>new SurvivalColumns { Duration = "tenure", Event = "Churn", Id = "customerID", Segment = "Contract" }</c>.
/// </summary>
public sealed record SurvivalColumns
{
    /// <summary>Required: the observed time in any unit (months of tenure, days), finite and ≥ 0. Default <c>duration</c>.</summary>
    public string Duration { get; init; } = "duration";

    /// <summary>Required: whether the event (churn) happened at the duration (yes), or the subject is censored there (no), read by <see cref="CsvRow.GetBoolean"/>. Default <c>event</c>.</summary>
    public string Event { get; init; } = "event";

    /// <summary>Optional subject id (named in messages and carried on the observation). Default <c>id</c>.</summary>
    public string? Id { get; init; } = "id";

    /// <summary>Optional segment: any column whose value groups subjects (a contract type, a plan); an empty cell is no segment. Default <c>segment</c>.</summary>
    public string? Segment { get; init; } = "segment";

    /// <summary>Optional case weight, finite and &gt; 0; an empty cell is weight 1. Default <c>weight</c>.</summary>
    public string? Weight { get; init; } = "weight";

    /// <summary>
    /// Optional delayed entry (left truncation): the time, in the duration's unit and from the same origin, at which the
    /// subject came under observation — R's <c>Surv(entry, duration, event)</c>; at risk only after it. Finite, ≥ 0 and below
    /// the duration; an empty cell or 0 is observed from the start. Use it when the data begin later than the subjects'
    /// own starts (an export that begins in 2023 for customers who joined in 2019). Default <c>entry</c>.
    /// </summary>
    public string? Entry { get; init; } = "entry";

    /// <summary>Optional stratum for a stratified log-rank test (any column; an empty cell is its own stratum). Default <c>null</c> (not read).</summary>
    public string? Stratum { get; init; }

    /// <summary>
    /// Covariate columns to carry along for a Cox regression, in order (each must be in the header); their cells come back
    /// as text in <see cref="SurvivalRecord.Covariates"/>, since whether a column is numeric or categorical is the
    /// caller's choice. Default none.
    /// </summary>
    public IReadOnlyList<string> Covariates { get; init; } = [];
}
