using System.Globalization;

namespace CxMetrics.Reviews;

/// <summary>
/// The scale a review site rates on (Google, Yelp, Trustpilot and Tripadvisor: 1–5 stars; Booking.com: 1–10), with the
/// band counted as negative (the reviews to answer first) and the band counted as positive (the successes of the Wilson
/// ranking score). Ratings are mapped linearly onto one common five-star scale (<see cref="Normalise"/>) when sources differ.
/// </summary>
public sealed record ReviewScale
{
    /// <summary>The highest rating a scale may have (0–100 covers every review scale seen in practice).</summary>
    public const int MaxSupportedRating = 100;

    private ReviewScale(int min, int max, int negativeMax, int positiveMin)
    {
        Min = min;
        Max = max;
        NegativeMax = negativeMax;
        PositiveMin = positiveMin;
    }

    /// <summary>
    /// One to five stars, negative ≤ 2, positive ≥ 4: the scale of Google Business Profile, Yelp, Trustpilot, Tripadvisor and
    /// Amazon reviews. 1–2 stars are the reviews Trustpilot and Google guidance single out for a reply; 3 is neutral.
    /// </summary>
    public static ReviewScale FiveStars { get; } = new(1, 5, 2, 4);

    /// <summary>
    /// One to ten points, negative ≤ 3, positive ≥ 8 (Booking.com's guest review score): the five-star bands mapped linearly
    /// (2 of 1–5 is 25% of the range, 3.25 on 1–10; 4 of 1–5 is 75%, 7.75 on 1–10), rounded inward.
    /// </summary>
    public static ReviewScale TenPoints { get; } = new(1, 10, 3, 8);

    /// <summary>The lowest rating.</summary>
    public int Min { get; }

    /// <summary>The highest rating.</summary>
    public int Max { get; }

    /// <summary>The highest rating counted as negative (≤ 2 on five stars).</summary>
    public int NegativeMax { get; }

    /// <summary>The lowest rating counted as positive (≥ 4 on five stars).</summary>
    public int PositiveMin { get; }

    /// <summary>The number of points on the scale.</summary>
    public int Points => Max - Min + 1;

    /// <summary>Creates a scale with its negative and positive bands.</summary>
    /// <param name="min">The lowest rating, 0 ≤ min.</param>
    /// <param name="max">The highest rating, min &lt; max ≤ 100.</param>
    /// <param name="negativeMax">The highest negative rating: min ≤ negativeMax &lt; positiveMin.</param>
    /// <param name="positiveMin">The lowest positive rating: negativeMax &lt; positiveMin ≤ max.</param>
    /// <returns>The scale.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The bounds are inconsistent (the message says which).</exception>
    public static ReviewScale Create(int min, int max, int negativeMax, int positiveMin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, MaxSupportedRating);
        if (max <= min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"the highest rating {max} must exceed the lowest {min}.");
        }

        if (negativeMax < min || negativeMax >= max)
        {
            throw new ArgumentOutOfRangeException(nameof(negativeMax), negativeMax, $"the highest negative rating {negativeMax} must lie in {min}–{max - 1} on the scale {min}–{max}.");
        }

        if (positiveMin <= negativeMax || positiveMin > max)
        {
            throw new ArgumentOutOfRangeException(nameof(positiveMin), positiveMin, $"the lowest positive rating {positiveMin} must lie above the negative band (≤ {negativeMax}) and within the scale {min}–{max}.");
        }

        return min == 1 && max == 5 && negativeMax == 2 && positiveMin == 4 ? FiveStars
            : min == 1 && max == 10 && negativeMax == 3 && positiveMin == 8 ? TenPoints
            : new ReviewScale(min, max, negativeMax, positiveMin);
    }

    /// <summary>Whether <paramref name="rating"/> is on the scale.</summary>
    /// <param name="rating">The rating.</param>
    /// <returns><see langword="true"/> when <c>Min ≤ rating ≤ Max</c>.</returns>
    public bool Contains(int rating) => rating >= Min && rating <= Max;

    /// <summary>Whether <paramref name="rating"/> is negative (≤ <see cref="NegativeMax"/>).</summary>
    /// <param name="rating">A rating on the scale.</param>
    /// <returns>The answer.</returns>
    public bool IsNegative(int rating) => rating <= NegativeMax;

    /// <summary>Whether <paramref name="rating"/> is positive (≥ <see cref="PositiveMin"/>).</summary>
    /// <param name="rating">A rating on the scale.</param>
    /// <returns>The answer.</returns>
    public bool IsPositive(int rating) => rating >= PositiveMin;

    /// <summary>
    /// The rating on the common five-star scale, by the linear map <c>1 + 4·(rating − Min)/(Max − Min)</c>: the lowest rating
    /// of every scale becomes 1 star and the highest 5, so five-star sources are unchanged, 1–10 becomes 1, 1.44, …, 5, and
    /// means stay means (the map is affine).
    /// </summary>
    /// <param name="rating">A rating on the scale.</param>
    /// <returns>Stars in [1, 5].</returns>
    public double Normalise(int rating) => 1 + (4.0 * (rating - Min) / (Max - Min));

    /// <summary>Formats as <c>1–5 (negative ≤ 2, positive ≥ 4)</c>.</summary>
    /// <returns>The scale as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Min}–{Max} (negative ≤ {NegativeMax}, positive ≥ {PositiveMin})");
}
