using CxMetrics.Retention;

namespace CxMetrics.Csv;

/// <summary>One row of a survival file: the subject's right-censored lifetime and the segment it belongs to.</summary>
/// <param name="Observation">Duration, event flag, weight and id (the id is <see cref="SurvivalObservation.Id"/>).</param>
/// <param name="Segment">The segment value (e.g. <c>Month-to-month</c>), or <c>null</c> when the file has no segment column or the cell is empty.</param>
public sealed record SurvivalRecord(SurvivalObservation Observation, string? Segment)
{
    /// <summary>
    /// The stratum value (<see cref="SurvivalColumns.Stratum"/>) for a stratified log-rank test, or <c>null</c> when no
    /// stratum column is read or the cell is empty.
    /// </summary>
    public string? Stratum { get; init; }

    /// <summary>The cells of <see cref="SurvivalColumns.Covariates"/>, in that order, as text (null for an empty cell); empty without covariates.</summary>
    public IReadOnlyList<string?> Covariates { get; init; } = [];

    /// <summary>The subject id, or <c>null</c> when the file has none.</summary>
    public string? Id => Observation.Id;
}
