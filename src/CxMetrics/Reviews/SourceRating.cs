using System.Globalization;
using CxMetrics.Statistics;

namespace CxMetrics.Reviews;

/// <summary>The reviews of one source: the distribution on its own scale, the mean on that scale and on five stars, and the negative and positive shares.</summary>
public sealed record SourceRating
{
    /// <summary>The source, e.g. <c>Google</c>.</summary>
    public required string Source { get; init; }

    /// <summary>Its rating scale.</summary>
    public required ReviewScale Scale { get; init; }

    /// <summary>Reviews counted.</summary>
    public required long Count { get; init; }

    /// <summary>Reviews per rating from <see cref="ReviewScale.Min"/> to <see cref="ReviewScale.Max"/>.</summary>
    public required IReadOnlyList<long> Histogram { get; init; }

    /// <summary>The mean rating on the source's own scale, with its Student-t interval.</summary>
    public required MeanEstimate Mean { get; init; }

    /// <summary>The mean on the common five-star scale (<see cref="ReviewScale.Normalise"/>), with its Student-t interval.</summary>
    public required MeanEstimate Stars { get; init; }

    /// <summary>The share of negative reviews (≤ <see cref="ReviewScale.NegativeMax"/>), Wilson interval.</summary>
    public required ProportionEstimate Negative { get; init; }

    /// <summary>The share of positive reviews (≥ <see cref="ReviewScale.PositiveMin"/>), Wilson interval.</summary>
    public required ProportionEstimate Positive { get; init; }

    /// <summary>Formats as <c>Google: mean 4.10 of 1–5 (…), 12.0% negative; n = 50</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Mean.Value is null
        ? $"{Source}: no estimate (n = 0)"
        : string.Create(CultureInfo.InvariantCulture, $"{Source}: mean {Mean} on {Scale.Min}–{Scale.Max}, {Negative.Value * 100:0.0}% negative; n = {Count}");
}
