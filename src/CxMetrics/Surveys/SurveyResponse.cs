using CxMetrics.Internal;
using NodaTime;

namespace CxMetrics.Surveys;

/// <summary>
/// One answer to a survey question (NPS, CSAT or CES), as a shop stores it. The score is checked against the metric's
/// scale when it is tallied, so the same record type serves every scale.
/// </summary>
/// <param name="CustomerId">Who answered.</param>
/// <param name="AnsweredAt">When the answer was given.</param>
/// <param name="Score">The score, or <see langword="null"/> when the question was left unanswered (counted, not scored).</param>
public sealed record SurveyResponse(string CustomerId, Instant AnsweredAt, int? Score)
{
    private readonly double weight = 1;

    /// <summary>Who answered.</summary>
    public string CustomerId { get; init; } = CustomerId ?? throw new ArgumentNullException(nameof(CustomerId));

    /// <summary>An identifier of the response, used in error messages; optional.</summary>
    public string? Id { get; init; }

    /// <summary>Channel the survey was answered in or is about (email, chat, in-app, …); optional.</summary>
    public string? Channel { get; init; }

    /// <summary>Touchpoint rated (product, delivery, service, …), so one shop can rate each separately; optional.</summary>
    public string? Touchpoint { get; init; }

    /// <summary>Customer segment; optional.</summary>
    public string? Segment { get; init; }

    /// <summary>
    /// Survey weight (e.g. post-stratification), finite and greater than 0. Default 1. With weights, estimates are weighted
    /// and uncertainty uses Kish's effective sample size.
    /// </summary>
    public double Weight
    {
        get => weight;
        init
        {
            Guard.Weight(value, Id ?? CustomerId, nameof(Weight));
            weight = value;
        }
    }

    /// <summary>The name used for this response in error messages: its <see cref="Id"/>, else its customer id.</summary>
    internal string Label => Id ?? CustomerId;
}
