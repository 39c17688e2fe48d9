using NodaTime;

namespace CxMetrics.Reviews;

/// <summary>
/// One public review of the shop, a product or a location, from any channel (Google, Yelp, Trustpilot, the shop's own
/// site, …), rated on the source's own <see cref="ReviewScale"/>, with the instant the shop replied if it did. Built by
/// <see cref="Create"/>, which checks the rating against the scale and the reply against the creation.
/// </summary>
public sealed record Review
{
    private Review(string id, string source, string item, int rating, ReviewScale scale, Instant createdAt, Instant? repliedAt)
    {
        Id = id;
        Source = source;
        Item = item;
        Rating = rating;
        Scale = scale;
        CreatedAt = createdAt;
        RepliedAt = repliedAt;
    }

    /// <summary>The review's identifier (used in error messages).</summary>
    public string Id { get; }

    /// <summary>Where it was posted: <c>Google</c>, <c>Yelp</c>, <c>Trustpilot</c>, <c>on-site</c> or any other name (compared ordinally).</summary>
    public string Source { get; }

    /// <summary>What is reviewed: a product, a location or the shop itself.</summary>
    public string Item { get; }

    /// <summary>The rating on <see cref="Scale"/>.</summary>
    public int Rating { get; }

    /// <summary>The source's rating scale.</summary>
    public ReviewScale Scale { get; }

    /// <summary>When the review was posted.</summary>
    public Instant CreatedAt { get; }

    /// <summary>When the shop first replied publicly, or <see langword="null"/> while it has not.</summary>
    public Instant? RepliedAt { get; }

    /// <summary>Whether the rating is in the scale's negative band.</summary>
    public bool IsNegative => Scale.IsNegative(Rating);

    /// <summary>Whether the rating is in the scale's positive band.</summary>
    public bool IsPositive => Scale.IsPositive(Rating);

    /// <summary>The rating on the common five-star scale (<see cref="ReviewScale.Normalise"/>).</summary>
    public double Stars => Scale.Normalise(Rating);

    /// <summary>The time from posting to the reply, or <see langword="null"/> while there is none.</summary>
    public Duration? TimeToReply => RepliedAt - CreatedAt;

    /// <summary>Creates a review, checking it.</summary>
    /// <param name="id">Its identifier, not empty.</param>
    /// <param name="source">Where it was posted, not empty (e.g. <c>Google</c>).</param>
    /// <param name="item">What is reviewed, not empty (a product, a location, or the shop's name).</param>
    /// <param name="rating">The rating, on <paramref name="scale"/>.</param>
    /// <param name="scale">The source's scale (e.g. <see cref="ReviewScale.FiveStars"/>).</param>
    /// <param name="createdAt">When it was posted.</param>
    /// <param name="repliedAt">When the shop replied, not before <paramref name="createdAt"/>; <see langword="null"/> if it has not.</param>
    /// <returns>The review.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="id"/>, <paramref name="source"/>, <paramref name="item"/> or <paramref name="scale"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/>, <paramref name="source"/> or <paramref name="item"/> is empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rating"/> is off the scale, or <paramref name="repliedAt"/> is before <paramref name="createdAt"/> (the message names the review).</exception>
    public static Review Create(string id, string source, string item, int rating, ReviewScale scale, Instant createdAt, Instant? repliedAt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(item);
        ArgumentNullException.ThrowIfNull(scale);
        if (!scale.Contains(rating))
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, $"rating {rating} is outside the scale {scale.Min}–{scale.Max} of {source} (review '{id}').");
        }

        if (repliedAt is { } reply && reply < createdAt)
        {
            throw new ArgumentOutOfRangeException(nameof(repliedAt), reply, $"the reply at {reply} is before the review was posted at {createdAt} (review '{id}').");
        }

        return new Review(id, source, item, rating, scale, createdAt, repliedAt);
    }
}
