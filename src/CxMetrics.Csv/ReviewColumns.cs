using CxMetrics.Reviews;

namespace CxMetrics.Csv;

/// <summary>
/// Header (or JSON key) names of a review file: one row per review from any site (Google, Yelp, Trustpilot, the shop's own
/// site), read by <see cref="ReviewCsv"/> into <see cref="Review"/>s. Optional columns may be absent; set one to <c>null</c>
/// to ignore it. An export of one site without a source column names the site in <see cref="SourceName"/>, and one whose
/// rows carry no scale is read on <see cref="DefaultScale"/>.
/// </summary>
public sealed record ReviewColumns
{
    /// <summary>Optional review id, named in messages; a row without one is named by its line (<c>line 12</c>). Default <c>review_id</c>.</summary>
    public string? Id { get; init; } = "review_id";

    /// <summary>
    /// Where the review was posted (Google, Yelp, Trustpilot, on-site, …). Required unless <see cref="SourceName"/> is set;
    /// then an absent column or an empty cell is that source. Default <c>source</c>.
    /// </summary>
    public string? Source { get; init; } = "source";

    /// <summary>The source of rows without a source cell (an export of one site); <c>null</c> (default) makes the source column required.</summary>
    public string? SourceName { get; init; }

    /// <summary>Required: what is reviewed — a product, a location or the shop itself. Default <c>item</c>.</summary>
    public string Item { get; init; } = "item";

    /// <summary>
    /// When set, the item cell is a Google Business Profile resource name
    /// (<c>accounts/{accountId}/locations/{locationId}/reviews/{reviewId}</c>) and the item is its
    /// <c>locations/{locationId}</c> part; a cell without that part rejects its row. Default <c>false</c>.
    /// </summary>
    public bool ItemFromResourceName { get; init; }

    /// <summary>
    /// Required: the rating, a whole number on the row's scale, or one of <see cref="RatingNames"/> (any case). Default
    /// <c>rating</c>.
    /// </summary>
    public string Rating { get; init; } = "rating";

    /// <summary>
    /// Spelled-out ratings and their values (Google's <c>starRating</c> enum <c>ONE</c> … <c>FIVE</c>); compared ignoring
    /// case. <c>null</c> (default): ratings are numbers only.
    /// </summary>
    public IReadOnlyDictionary<string, int>? RatingNames { get; init; }

    /// <summary>
    /// Optional: the row's rating scale as <c>min-max</c> (<c>1-5</c>, <c>1-10</c>, <c>0-10</c>; an en dash is accepted) or
    /// its top alone (<c>5</c> is 1–5, <c>10</c> is 1–10); an empty cell is <see cref="DefaultScale"/>. See
    /// <see cref="ReviewCsv"/> for the negative and positive bands. Default <c>scale</c>.
    /// </summary>
    public string? Scale { get; init; } = "scale";

    /// <summary>The scale of rows without a scale cell. Default <see cref="ReviewScale.FiveStars"/>.</summary>
    public ReviewScale DefaultScale { get; init; } = ReviewScale.FiveStars;

    /// <summary>Required: when the review was posted. Default <c>created_at</c>.</summary>
    public string CreatedAt { get; init; } = "created_at";

    /// <summary>Optional: when the shop replied publicly; an empty cell means no reply yet. Default <c>replied_at</c>.</summary>
    public string? RepliedAt { get; init; } = "replied_at";
}
