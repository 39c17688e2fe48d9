using CxMetrics.Statistics;

namespace CxMetrics.Surveys;

/// <summary>Choices for survey metrics, each with a documented default (shared ones in <see cref="EstimateOptions"/>).</summary>
public sealed record SurveyOptions : EstimateOptions
{
    /// <summary>The defaults: 95% intervals, adjusted-Wald NPS intervals, Wilson share intervals, small cells below 30.</summary>
    public static SurveyOptions Default { get; } = new();

    /// <summary>NPS interval method. Default <see cref="NpsIntervalMethod.AdjustedWald"/>.</summary>
    public NpsIntervalMethod NpsInterval { get; init; } = NpsIntervalMethod.AdjustedWald;
}
