using CxMetrics.Surveys;

namespace CxMetrics.Orleans;

/// <summary>
/// A <see cref="RatingScale"/> as plain, Orleans-serialisable fields. Rebuilt through <see cref="RatingScale.Create"/>, so a
/// stored or received scale is validated again, never trusted.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record RatingScaleSpec
{
    /// <summary>The metric, e.g. <c>CSAT</c>.</summary>
    [Id(0)]
    public required string Metric { get; init; }

    /// <summary>The lowest score.</summary>
    [Id(1)]
    public required int Min { get; init; }

    /// <summary>The highest score.</summary>
    [Id(2)]
    public required int Max { get; init; }

    /// <summary>The lowest favourable score.</summary>
    [Id(3)]
    public required int FavourableMin { get; init; }

    /// <summary>The highest favourable score.</summary>
    [Id(4)]
    public required int FavourableMax { get; init; }

    /// <summary>Which end of the scale is good.</summary>
    [Id(5)]
    public required ScaleDirection Direction { get; init; }

    /// <summary>What a favourable answer means.</summary>
    [Id(6)]
    public required string FavourableLabel { get; init; }

    /// <summary>The fields of <paramref name="scale"/>.</summary>
    /// <param name="scale">The scale.</param>
    /// <returns>The spec.</returns>
    public static RatingScaleSpec From(RatingScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        return new RatingScaleSpec
        {
            Metric = scale.Metric,
            Min = scale.Min,
            Max = scale.Max,
            FavourableMin = scale.FavourableMin,
            FavourableMax = scale.FavourableMax,
            Direction = scale.Direction,
            FavourableLabel = scale.FavourableLabel,
        };
    }

    /// <summary>The scale, validated by <see cref="RatingScale.Create"/>.</summary>
    /// <returns>The scale.</returns>
    /// <exception cref="ArgumentException">The fields do not make a valid scale.</exception>
    public RatingScale ToScale() => RatingScale.Create(Metric, Min, Max, FavourableMin, FavourableMax, Direction, FavourableLabel);
}
