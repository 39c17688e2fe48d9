using System.Globalization;
using CxMetrics.Statistics;

namespace CxMetrics.Reviews;

/// <summary>One item (product or location) of a <see cref="ReviewRanking"/> with both ranking scores.</summary>
public sealed record RankedItem
{
    /// <summary>The position, 1 for the best.</summary>
    public required int Rank { get; init; }

    /// <summary>The item.</summary>
    public required string Item { get; init; }

    /// <summary>Its reviews, n.</summary>
    public required long Count { get; init; }

    /// <summary>Its own mean on the five-star scale, Σr/n.</summary>
    public required double Stars { get; init; }

    /// <summary>The Bayesian average <c>(C·m + Σr)/(C + n)</c> on the five-star scale, with m the shop's mean and C the prior weight.</summary>
    public required double BayesianAverage { get; init; }

    /// <summary>The share of positive reviews with its Wilson interval.</summary>
    public required ProportionEstimate Positive { get; init; }

    /// <summary>The lower bound of <see cref="Positive"/>'s Wilson interval: Miller's (2009) ranking score.</summary>
    public double PositiveLowerBound => Positive.Interval!.Value.Lower;

    /// <summary>Formats as <c>#1 sku-7: 4.62 Bayesian, 0.81 Wilson lower bound (4.80 stars, n = 20)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"#{Rank} {Item}: {BayesianAverage:0.00} Bayesian, {PositiveLowerBound:0.000} Wilson lower bound ({Stars:0.00} stars, n = {Count})");
}
