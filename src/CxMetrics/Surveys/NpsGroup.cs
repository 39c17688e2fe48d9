namespace CxMetrics.Surveys;

/// <summary>The group an answer to "How likely are you to recommend us?" (0–10) falls in (Reichheld 2003).</summary>
public enum NpsGroup
{
    /// <summary>Scores 0–6.</summary>
    Detractor = 0,

    /// <summary>Scores 7–8.</summary>
    Passive = 1,

    /// <summary>Scores 9–10.</summary>
    Promoter = 2,
}
