namespace CxMetrics.Surveys;

/// <summary>Which end of a rating scale is the good one.</summary>
public enum ScaleDirection
{
    /// <summary>High scores are good (satisfied, agree that it was easy).</summary>
    HigherIsBetter = 0,

    /// <summary>Low scores are good (e.g. the original CES 1–5: "how much effort did you put forth?", 1 = very low).</summary>
    LowerIsBetter = 1,
}
