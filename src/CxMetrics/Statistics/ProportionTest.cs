using System.Globalization;

namespace CxMetrics.Statistics;

/// <summary>
/// A one-sample score test of a share against a null (target) share: <c>z = (p̂ − p₀) / √(p₀(1 − p₀)/n)</c>, with its
/// two-sided p-value and the one-sided p-value for "the true share is below p₀". Built by <see cref="Proportion.ScoreTest"/>.
/// </summary>
/// <remarks>Without observations there is no test: <see cref="Share"/>, <see cref="Z"/> and the p-values are <see langword="null"/>.
/// For p₀ = 1 the statistic is undefined; a single failure then disproves the null exactly (p-values 0), no failure gives 1.</remarks>
public sealed record ProportionTest
{
    /// <summary>Successes.</summary>
    public required long Successes { get; init; }

    /// <summary>Observations.</summary>
    public required long Count { get; init; }

    /// <summary>The null (target) share p₀.</summary>
    public required double NullShare { get; init; }

    /// <summary>The observed share, or <see langword="null"/> without observations.</summary>
    public required double? Share { get; init; }

    /// <summary>The score statistic, or <see langword="null"/> without observations or for p₀ = 1.</summary>
    public required double? Z { get; init; }

    /// <summary>Two-sided p-value of "the share equals p₀".</summary>
    public required double? PValue { get; init; }

    /// <summary>One-sided p-value of "the share is at least p₀" against "it is below" (small when the share is clearly below the target).</summary>
    public required double? PValueBelow { get; init; }

    /// <summary>Formats as <c>81.00% vs 90% target: z = -3.00, p = 0.0027 (below: 0.0013; 81 of 100)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Share is not { } s
        ? "no test (n = 0)"
        : string.Create(CultureInfo.InvariantCulture, $"{s * 100:0.00}% vs {NullShare * 100:0.##}% target: z = {(Z is { } z ? z.ToString("0.00", CultureInfo.InvariantCulture) : "n/a")}, p = {PValue:0.####} (below: {PValueBelow:0.####}; {Successes} of {Count})");
}
