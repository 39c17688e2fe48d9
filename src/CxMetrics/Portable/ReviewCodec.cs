using CxMetrics.Reviews;

namespace CxMetrics.Portable;

/// <summary>
/// Payload of <see cref="ReviewTally"/>: the sources in ordinal order, each with its scale (min, max, negative max, positive
/// min) and per rating the reviews and the replied reviews; then the hours to reply of the replied negative reviews, in the
/// order added. The review count is the sum of the counts.
/// </summary>
internal sealed class ReviewTallyCodec : TallyCodec<ReviewTally>
{
    public override TallyKind Kind => TallyKind.Reviews;

    public override string Name => "reviews";

    public override void Write(ReviewTally tally, TallyFieldWriter writer)
    {
        var sources = tally.Sources;
        writer.BeginArray("sources", sources.Count);
        foreach (string source in sources)
        {
            var scale = tally.ScaleOf(source);
            var counts = tally.CountsOf(source);
            var replied = tally.RepliedOf(source);
            writer.BeginItem();
            writer.String("source", source);
            writer.Int32("min", scale.Min);
            writer.Int32("max", scale.Max);
            writer.Int32("negativeMax", scale.NegativeMax);
            writer.Int32("positiveMin", scale.PositiveMin);
            writer.BeginArray("ratings", counts.Length);
            for (int i = 0; i < counts.Length; i++)
            {
                writer.BeginItem();
                writer.Int64("count", counts[i]);
                writer.Int64("replied", replied[i]);
                writer.EndItem();
            }

            writer.EndArray();
            writer.EndItem();
        }

        writer.EndArray();
        var hours = tally.NegativeReplyHours;
        writer.BeginArray("negativeReplyHours", hours.Length);
        foreach (double h in hours)
        {
            writer.Double(null, h);
        }

        writer.EndArray();
    }

    public override ReviewTally Read(TallyFieldReader reader)
    {
        var tally = new ReviewTally();
        int sources = reader.BeginArray("sources", 24);
        string? previous = null;
        for (int s = 0; s < sources; s++)
        {
            reader.BeginItem();
            string source = reader.RequiredString("source");
            if (previous is not null && string.CompareOrdinal(previous, source) >= 0)
            {
                throw TallyFieldReader.Invalid($"source '{source}' follows '{previous}': sources are stored once each, in ordinal order.");
            }

            var scale = ReviewScale.Create(reader.Int32("min"), reader.Int32("max"), reader.Int32("negativeMax"), reader.Int32("positiveMin"));
            int points = reader.BeginArray("ratings", 16);
            if (points != scale.Points)
            {
                throw TallyFieldReader.Invalid($"{points} ratings were stored for the {scale.Points}-point scale {scale} of source '{source}'.");
            }

            var counts = new long[points];
            var replied = new long[points];
            for (int i = 0; i < points; i++)
            {
                reader.BeginItem();
                counts[i] = reader.Int64("count");
                replied[i] = reader.Int64("replied");
                reader.EndItem();
            }

            reader.EndArray();
            reader.EndItem();
            tally.AddCounts(source, scale, counts, replied);
            previous = source;
        }

        reader.EndArray();
        int n = reader.BeginArray("negativeReplyHours", 8);
        var hours = new double[n];
        for (int i = 0; i < n; i++)
        {
            hours[i] = reader.Double(null);
        }

        reader.EndArray();
        tally.AddNegativeReplyHours(hours);
        return tally;
    }
}
