namespace CxMetrics.Surveys;

/// <summary>
/// Customer-effort scales. The default is CES 2.0 (Dixon, Toman &amp; DeLisi, "The Effortless Experience", 2013; Gartner/CEB):
/// agreement on 1–7 with "The company made it easy for me to handle my issue", reported as the mean and as the share
/// agreeing (5–7). The older scales are kept with an explicit direction.
/// </summary>
public static class CesScale
{
    /// <summary>CES 2.0: 1 (strongly disagree) to 7 (strongly agree) that it was easy; agree = 5–7. The default.</summary>
    public static RatingScale Agreement1To7 { get; } = RatingScale.Create("CES", 1, 7, 5, 7, ScaleDirection.HigherIsBetter, "agree");

    /// <summary>
    /// A five-point scale. CES 1.0 (Dixon, Freeman &amp; Toman 2010, HBR "Stop Trying to Delight Your Customers") asked
    /// "How much effort did you personally have to put forth?" with 1 = very low effort: <see cref="ScaleDirection.LowerIsBetter"/>,
    /// favourable = 1–2 (low effort). With <see cref="ScaleDirection.HigherIsBetter"/> (1 = very difficult, 5 = very easy)
    /// favourable = 4–5 (easy).
    /// </summary>
    /// <param name="direction">Which end is good: the question decides, so it must be stated.</param>
    /// <returns>The scale.</returns>
    public static RatingScale OneToFive(ScaleDirection direction) => direction == ScaleDirection.LowerIsBetter
        ? RatingScale.Create("CES", 1, 5, 1, 2, direction, "low effort")
        : RatingScale.Create("CES", 1, 5, 4, 5, direction, "easy");

    /// <summary>
    /// An eleven-point scale (0–10); favourable = the two best points (9–10 when higher is better, 0–1 when lower is better).
    /// </summary>
    /// <param name="direction">Which end is good.</param>
    /// <returns>The scale.</returns>
    public static RatingScale ZeroToTen(ScaleDirection direction) => direction == ScaleDirection.LowerIsBetter
        ? RatingScale.Create("CES", 0, 10, 0, 1, direction, "low effort")
        : RatingScale.Create("CES", 0, 10, 9, 10, direction, "easy");
}
