namespace CxMetrics.Surveys;

/// <summary>
/// Customer-satisfaction scales. CSAT is the share of satisfied answers, "top-2-box" on a five-point scale
/// (4 "satisfied" and 5 "very satisfied"), as Delighted, Zendesk and Qualtrics report it.
/// </summary>
public static class CsatScale
{
    /// <summary>1–5, satisfied = 4–5 (top-2-box). The default.</summary>
    public static RatingScale OneToFive { get; } = RatingScale.Create("CSAT", 1, 5, 4, 5, ScaleDirection.HigherIsBetter, "satisfied");

    /// <summary>1–3 (unsatisfied / neutral / satisfied), satisfied = 3 (top box: 2 is neutral).</summary>
    public static RatingScale OneToThree { get; } = RatingScale.Create("CSAT", 1, 3, 3, 3, ScaleDirection.HigherIsBetter, "satisfied");

    /// <summary>1–7, satisfied = 6–7 (top-2-box).</summary>
    public static RatingScale OneToSeven { get; } = RatingScale.Create("CSAT", 1, 7, 6, 7, ScaleDirection.HigherIsBetter, "satisfied");

    /// <summary>1–10, satisfied = 9–10 (top-2-box).</summary>
    public static RatingScale OneToTen { get; } = RatingScale.Create("CSAT", 1, 10, 9, 10, ScaleDirection.HigherIsBetter, "satisfied");

    /// <summary>A custom CSAT scale where scores from <paramref name="satisfiedFrom"/> to <paramref name="max"/> count as satisfied.</summary>
    /// <param name="min">Lowest score.</param>
    /// <param name="max">Highest score.</param>
    /// <param name="satisfiedFrom">Lowest satisfied score.</param>
    /// <returns>The scale.</returns>
    public static RatingScale Create(int min, int max, int satisfiedFrom) =>
        RatingScale.Create("CSAT", min, max, satisfiedFrom, max, ScaleDirection.HigherIsBetter, "satisfied");
}
