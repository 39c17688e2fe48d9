using CxMetrics.Reviews;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CxMetrics.Tests.Arbitraries;

/// <summary>FsCheck generators for reviews.</summary>
public static class ReviewGen
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 1, 0, 0);

    private static readonly (string Source, ReviewScale Scale)[] SourceScales =
        [("Google", ReviewScale.FiveStars), ("Booking", ReviewScale.TenPoints), ("on-site", ReviewScale.Create(0, 10, 4, 8))];

    /// <summary>Reviews from three sources on three scales, some replied (after 0 to 500 hours), on items p0…p4.</summary>
    public static Arbitrary<Review[]> Reviews { get; } =
        (from source in Gen.Choose(0, SourceScales.Length - 1)
         from position in Gen.Choose(0, 1000)
         from item in Gen.Choose(0, 4)
         from day in Gen.Choose(0, 90)
         from reply in Gen.Choose(-1, 500)
         select (source, position, item, day, reply))
        .ListOf()
        .Select(list => list.Select((t, k) =>
        {
            var (name, scale) = SourceScales[t.source];
            var created = T0 + Duration.FromDays(t.day);
            return Review.Create($"r{k}", name, $"p{t.item}", scale.Min + (t.position % scale.Points), scale, created, t.reply < 0 ? null : created + Duration.FromHours(t.reply));
        }).ToArray())
        .ToArbitrary();
}
