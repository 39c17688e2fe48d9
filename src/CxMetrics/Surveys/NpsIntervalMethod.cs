namespace CxMetrics.Surveys;

/// <summary>How the confidence interval of a Net Promoter Score is computed.</summary>
public enum NpsIntervalMethod
{
    /// <summary>
    /// Adjusted Wald (Rocks 2016, "Interval estimation for the 'net promoter score'", The American Statistician 70(4)):
    /// add ¾ promoter, 1½ passive and ¾ detractor (3 responses in all), then Wald on the adjusted shares. Better coverage
    /// at small n and near ±100; the default.
    /// </summary>
    AdjustedWald = 0,

    /// <summary>Wald: <c>NPS ± z·SE</c> with the trinomial standard error <c>√((p + d − (p − d)²)/n)</c>.</summary>
    Wald = 1,
}
