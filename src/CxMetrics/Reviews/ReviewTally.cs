using CxMetrics.Internal;

namespace CxMetrics.Reviews;

/// <summary>
/// The sufficient statistic of <see cref="ReviewResult"/>: per source its scale, the reviews per rating and the replied
/// reviews per rating, plus the hours to reply of every replied negative review (exact percentiles need the values).
/// <see cref="Merge"/> is associative and commutative (up to the order of the hours, which no result depends on) with the
/// empty tally as identity; one source must keep one scale.
/// </summary>
/// <remarks>Not thread-safe: give each thread its own tally and merge them.</remarks>
public sealed class ReviewTally
{
    // Sources in ordinal order. A shop has a handful, so a small sorted array beats a tree: one tally per product of a
    // large catalogue stays a few hundred bytes, and the last source used is checked first.
    private SourceCounts[] sources = [];
    private int sourceCount;
    private int lastSource;
    private List<double>? negativeReplyHours;

    /// <summary>Reviews counted.</summary>
    public long Count { get; private set; }

    /// <summary>The sources seen, in ordinal order.</summary>
    public IReadOnlyList<string> Sources
    {
        get
        {
            var names = new string[sourceCount];
            for (int i = 0; i < sourceCount; i++)
            {
                names[i] = sources[i].Name;
            }

            return names;
        }
    }

    /// <summary>The hours from posting to reply of every replied negative review, in the order added.</summary>
    public ReadOnlySpan<double> NegativeReplyHours => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(negativeReplyHours);

    // The hours list, made on the first replied negative review: most products of a catalogue never get one.
    private List<double> Hours => negativeReplyHours ??= [];

    /// <summary>The scale of a source.</summary>
    /// <param name="source">A source of <see cref="Sources"/>.</param>
    /// <returns>Its scale.</returns>
    /// <exception cref="KeyNotFoundException">The tally has no such source.</exception>
    public ReviewScale ScaleOf(string source) => Get(source).Scale;

    /// <summary>Reviews per rating of a source, from its scale's minimum to its maximum.</summary>
    /// <param name="source">A source of <see cref="Sources"/>.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="KeyNotFoundException">The tally has no such source.</exception>
    public ReadOnlySpan<long> CountsOf(string source) => Get(source).Counts;

    /// <summary>Replied reviews per rating of a source, from its scale's minimum to its maximum.</summary>
    /// <param name="source">A source of <see cref="Sources"/>.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="KeyNotFoundException">The tally has no such source.</exception>
    public ReadOnlySpan<long> RepliedOf(string source) => Get(source).Replied;

    /// <summary>Adds one review: its rating, whether it was replied to and, for a replied negative review, its hours to reply.</summary>
    /// <param name="review">The review.</param>
    /// <exception cref="ArgumentNullException"><paramref name="review"/> is null.</exception>
    /// <exception cref="ArgumentException">The review's source is already counted on another scale (the message names the review).</exception>
    public void Add(Review review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var counts = Source(review.Source, review.Scale, review, nameof(review));
        int i = review.Rating - review.Scale.Min;
        Count = CheckedCount.Add(Count, 1, "the review count");
        counts.Counts[i]++;
        if (review.RepliedAt is not null)
        {
            counts.Replied[i]++;
            if (review.IsNegative)
            {
                Hours.Add(review.TimeToReply!.Value.TotalHours);
            }
        }
    }

    /// <summary>
    /// Adds counts for one source, e.g. <c>COUNT(*)</c> and <c>COUNT(replied_at)</c> per source and rating from a database;
    /// add the negative reviews' hours to reply with <see cref="AddNegativeReplyHours"/>. Atomic: on an invalid count nothing is added.
    /// </summary>
    /// <param name="source">The source, not empty.</param>
    /// <param name="scale">Its scale (the scale already counted for it, if any).</param>
    /// <param name="countsPerRating">Reviews per rating, Min..Max in order.</param>
    /// <param name="repliedPerRating">Replied reviews per rating, Min..Max, each at most the reviews of its rating.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="scale"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="source"/> is empty, the source is counted on another scale, a length does not match the scale, or a
    /// count is negative or a replied count above its review count (<see cref="ArgumentOutOfRangeException"/>).
    /// </exception>
    /// <exception cref="OverflowException">The review count would pass <see cref="long.MaxValue"/>; nothing is added.</exception>
    public void AddCounts(string source, ReviewScale scale, ReadOnlySpan<long> countsPerRating, ReadOnlySpan<long> repliedPerRating)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(scale);
        if (countsPerRating.Length != scale.Points)
        {
            throw new ArgumentException($"{countsPerRating.Length} counts were given for the {scale.Points}-point scale {scale}.", nameof(countsPerRating));
        }

        if (repliedPerRating.Length != scale.Points)
        {
            throw new ArgumentException($"{repliedPerRating.Length} replied counts were given for the {scale.Points}-point scale {scale}.", nameof(repliedPerRating));
        }

        long total = Count;
        for (int i = 0; i < countsPerRating.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(countsPerRating[i], nameof(countsPerRating));
            ArgumentOutOfRangeException.ThrowIfNegative(repliedPerRating[i], nameof(repliedPerRating));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(repliedPerRating[i], countsPerRating[i], nameof(repliedPerRating));
            total = CheckedCount.Add(total, countsPerRating[i], "the review count");
        }

        var counts = Source(source, scale, null, nameof(scale));
        for (int i = 0; i < countsPerRating.Length; i++)
        {
            counts.Counts[i] += countsPerRating[i];
            counts.Replied[i] += repliedPerRating[i];
        }

        Count = total;
    }

    /// <summary>Appends hours to reply of replied negative reviews (e.g. from a database). Atomic: on an invalid value nothing is added.</summary>
    /// <param name="hours">Hours, finite and ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative or not finite (the message gives its position).</exception>
    public void AddNegativeReplyHours(ReadOnlySpan<double> hours)
    {
        for (int i = 0; i < hours.Length; i++)
        {
            if (!(hours[i] >= 0) || double.IsPositiveInfinity(hours[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(hours), hours[i], $"hours to reply {hours[i]} at position {i} must be finite and ≥ 0.");
            }
        }

        if (!hours.IsEmpty)
        {
            Hours.AddRange(hours);
        }
    }

    /// <summary>Adds another tally into this one.</summary>
    /// <param name="other">The tally to add; unchanged.</param>
    /// <returns>This tally, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="other"/> counts a source on another scale than this tally does (this tally is unchanged), or is this tally itself (merge a <see cref="Clone"/> to add it twice).</exception>
    /// <exception cref="OverflowException">The merged review count would pass <see cref="long.MaxValue"/>; this tally is unchanged.</exception>
    /// <remarks>The one <c>Merge</c> rule of the core: adds <paramref name="other"/> into this instance and returns this instance (for chaining); <paramref name="other"/> is not changed; an empty instance is the identity; merging is associative and commutative in the result. To keep both inputs, merge into a <c>Clone()</c>.</remarks>
    public ReviewTally Merge(ReviewTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Guard.NotSelf(this, other);
        for (int k = 0; k < other.sourceCount; k++)
        {
            var theirs = other.sources[k];
            int at = Find(theirs.Name);
            if (at >= 0 && sources[at].Scale != theirs.Scale)
            {
                throw new ArgumentException($"source '{theirs.Name}' is counted on the scale {theirs.Scale} in one tally and on {sources[at].Scale} in the other.", nameof(other));
            }
        }

        long count = CheckedCount.Add(Count, other.Count, "the review count");
        for (int k = 0; k < other.sourceCount; k++)
        {
            var theirs = other.sources[k];
            var mine = Source(theirs.Name, theirs.Scale, null, nameof(other));
            for (int i = 0; i < theirs.Counts.Length; i++)
            {
                mine.Counts[i] += theirs.Counts[i];
                mine.Replied[i] += theirs.Replied[i];
            }
        }

        if (other.negativeReplyHours is { Count: > 0 } hours)
        {
            Hours.AddRange(hours);
        }

        Count = count;
        return this;
    }

    /// <summary>A new tally with the same counts and hours.</summary>
    /// <returns>The copy.</returns>
    public ReviewTally Clone() => new ReviewTally().Merge(this);

    /// <summary>The tally of reviews.</summary>
    /// <param name="reviews">The reviews.</param>
    /// <returns>A new tally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reviews"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">A source appears on two scales (the message names the review).</exception>
    public static ReviewTally Of(IEnumerable<Review> reviews)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        var tally = new ReviewTally();
        foreach (var review in reviews)
        {
            ArgumentNullException.ThrowIfNull(review, nameof(reviews));
            tally.Add(review);
        }

        return tally;
    }

    /// <summary>Formats as <c>ReviewTally(120 reviews, 3 sources)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => FormattableString.Invariant($"ReviewTally({Count} reviews, {sourceCount} sources)");

    private SourceCounts Get(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        int at = Find(source);
        return at >= 0 ? sources[at] : throw new KeyNotFoundException($"the tally has no reviews from source '{source}'.");
    }

    // The position of a source, or the bitwise complement of where it would be inserted (ordinal order).
    private int Find(string source)
    {
        if (lastSource < sourceCount && string.Equals(sources[lastSource].Name, source, StringComparison.Ordinal))
        {
            return lastSource;
        }

        int lo = 0, hi = sourceCount - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = string.CompareOrdinal(sources[mid].Name, source);
            if (c == 0)
            {
                lastSource = mid;
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    // The counts of a source on a scale, added if new. The review (when there is one) only names the culprit of an error.
    private SourceCounts Source(string source, ReviewScale scale, Review? review, string paramName)
    {
        int at = Find(source);
        if (at >= 0)
        {
            var found = sources[at];
            return found.Scale == scale
                ? found
                : throw new ArgumentException($"source '{source}' is counted on the scale {found.Scale}, not on {scale}{(review is null ? string.Empty : $" (review '{review.Id}')")}: one source keeps one scale.", paramName);
        }

        at = ~at;
        if (sourceCount == sources.Length)
        {
            Array.Resize(ref sources, Math.Max(2, sourceCount * 2));
        }

        Array.Copy(sources, at, sources, at + 1, sourceCount - at);
        var counts = new SourceCounts(source, scale);
        sources[at] = counts;
        sourceCount++;
        lastSource = at;
        return counts;
    }

    private sealed class SourceCounts(string name, ReviewScale scale)
    {
        // Reviews per rating, then replied reviews per rating: one array per source.
        private readonly long[] both = new long[2 * scale.Points];

        public string Name { get; } = name;

        public ReviewScale Scale { get; } = scale;

        public Span<long> Counts => both.AsSpan(0, Scale.Points);

        public Span<long> Replied => both.AsSpan(Scale.Points);
    }
}
