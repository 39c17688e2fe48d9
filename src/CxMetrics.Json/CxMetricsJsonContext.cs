using System.Text.Json.Serialization;
using CxMetrics.Acquisition;
using CxMetrics.Breakdowns;
using CxMetrics.Commerce;
using CxMetrics.Conversion;
using CxMetrics.Experiments;
using CxMetrics.Json.Converters;
using CxMetrics.Lifetime;
using CxMetrics.Retention;
using CxMetrics.Reviews;
using CxMetrics.Statistics;
using CxMetrics.Support;
using CxMetrics.Surveys;
using CxMetrics.Time;

namespace CxMetrics.Json;

/// <summary>
/// The source-generated System.Text.Json metadata for every public record of the core library (results, fitted models,
/// options and input models), so serialisation needs no reflection and works in trimmed and Native AOT applications.
/// Use it through <see cref="CxMetricsJson.Options"/>, which adds the NodaTime converters this context relies on; to
/// serialise your own types alongside, chain your context after it:
/// <c>new JsonSerializerOptions(CxMetricsJson.Options) { TypeInfoResolver = JsonTypeInfoResolver.Combine(CxMetricsJsonContext.Default, MyContext.Default) }</c>.
/// </summary>
/// <remarks>
/// Breakdown cells are generic in their key; the context holds the closed types the calculators return with
/// <see cref="string"/> keys (segments, channels, arms) and <see cref="CalendarPeriod"/> keys. A breakdown by another
/// key type needs its own <c>[JsonSerializable]</c> line in the application's context.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(FiniteDoubleConverter), typeof(RatingScaleConverter), typeof(CalendarPeriodConverter), typeof(TimeUnitConverter), typeof(CohortBracketConverter),
        typeof(SurvivalObservationConverter), typeof(CartEventRecordConverter), typeof(FunnelStepConverter), typeof(SubscriptionEventConverter), typeof(SupportTicketConverter),
        typeof(ReviewScaleConverter), typeof(ReviewConverter)])]
// Acquisition
[JsonSerializable(typeof(AcquiredCustomer))]
[JsonSerializable(typeof(AcquisitionCohort))]
[JsonSerializable(typeof(AcquisitionOptions))]
[JsonSerializable(typeof(AcquisitionResult))]
[JsonSerializable(typeof(AcquisitionRevenue))]
[JsonSerializable(typeof(AcquisitionSpend))]

// Commerce
[JsonSerializable(typeof(AbandonmentResult))]
[JsonSerializable(typeof(CartAnomalies))]
[JsonSerializable(typeof(CartEvent))]
[JsonSerializable(typeof(CartEventRecord))]
[JsonSerializable(typeof(CartOptions))]
[JsonSerializable(typeof(CartOutcome))]
[JsonSerializable(typeof(EffortChange))]
[JsonSerializable(typeof(EffortResult))]
[JsonSerializable(typeof(FunnelResult))]
[JsonSerializable(typeof(FunnelStepResult))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(RecoveryResult))]
[JsonSerializable(typeof(ValueAtStakeResult))]

// Conversion
[JsonSerializable(typeof(ConversionOptions))]
[JsonSerializable(typeof(ConversionResult))]
[JsonSerializable(typeof(Session))]

// Experiments
[JsonSerializable(typeof(ArmComparison))]
[JsonSerializable(typeof(ArmResult))]
[JsonSerializable(typeof(Assignment))]
[JsonSerializable(typeof(ExperimentDesign))]
[JsonSerializable(typeof(ExperimentObservation))]
[JsonSerializable(typeof(ExperimentOutcomes))]
[JsonSerializable(typeof(ExperimentCell))]
[JsonSerializable(typeof(ExperimentReadout))]
[JsonSerializable(typeof(OutcomeEvent))]
[JsonSerializable(typeof(SampleRatioCheck))]
[JsonSerializable(typeof(SegmentReadout))]

// Lifetime
[JsonSerializable(typeof(AliveHistoryResult))]
[JsonSerializable(typeof(BetaGeoBetaBinomialModel))]
[JsonSerializable(typeof(BetaGeoNbdModel))]
[JsonSerializable(typeof(BetaGeoNbdCovariateModel))]
[JsonSerializable(typeof(CalibrationHoldoutResult))]
[JsonSerializable(typeof(CustomerBaseSummary))]
[JsonSerializable(typeof(CustomerSummary))]
[JsonSerializable(typeof(CustomerSummaryOptions))]
[JsonSerializable(typeof(FrequencyRecencyMatrixResult))]
[JsonSerializable(typeof(GammaGammaModel))]
[JsonSerializable(typeof(CustomerValueResult))]
[JsonSerializable(typeof(CustomerValueIntervalResult))]
[JsonSerializable(typeof(CustomerValueIntervalOptions))]
[JsonSerializable(typeof(ModifiedBetaGeoNbdModel))]
[JsonSerializable(typeof(ParetoNbdModel))]
[JsonSerializable(typeof(ParetoNbdCovariateModel))]
[JsonSerializable(typeof(PurchaseTrackingResult))]
[JsonSerializable(typeof(RepeatPurchaseHistogramResult))]
[JsonSerializable(typeof(RfmOptions))]
[JsonSerializable(typeof(RfmResult))]
[JsonSerializable(typeof(TimeUnit))]

// Retention
[JsonSerializable(typeof(BetaDiscreteWeibullComparison))]
[JsonSerializable(typeof(BetaDiscreteWeibullModel))]
[JsonSerializable(typeof(ChurnOptions))]
[JsonSerializable(typeof(ChurnResult))]
[JsonSerializable(typeof(CohortBracket))]
[JsonSerializable(typeof(CohortMatrix))]
[JsonSerializable(typeof(CohortOptions))]
[JsonSerializable(typeof(CustomerSpell))]
[JsonSerializable(typeof(CoxCoefficient))]
[JsonSerializable(typeof(CoxModel))]
[JsonSerializable(typeof(CoxOptions))]
[JsonSerializable(typeof(CoxProportionalHazardsTest))]
[JsonSerializable(typeof(CoxSurvivalCurve))]
[JsonSerializable(typeof(CoxSurvivalStep))]
[JsonSerializable(typeof(CoxTermTest))]
[JsonSerializable(typeof(InactivityChurnResult))]
[JsonSerializable(typeof(InactivityChurnCounts))]
[JsonSerializable(typeof(KaplanMeierOptions))]
[JsonSerializable(typeof(LogRankOptions))]
[JsonSerializable(typeof(KaplanMeierResult))]
[JsonSerializable(typeof(KaplanMeierStep))]
[JsonSerializable(typeof(KaplanMeierEntry))]
[JsonSerializable(typeof(LogRankGroup))]
[JsonSerializable(typeof(LogRankResult))]
[JsonSerializable(typeof(MrrMovement))]
[JsonSerializable(typeof(PurchaseFrequencyResult))]
[JsonSerializable(typeof(RestrictedMeanSurvival))]
[JsonSerializable(typeof(RetentionRateResult))]
[JsonSerializable(typeof(RevenueChurnChange))]
[JsonSerializable(typeof(RevenueChurnOptions))]
[JsonSerializable(typeof(RevenueChurnResult))]
[JsonSerializable(typeof(SubscriptionCohortMatrix))]
[JsonSerializable(typeof(TrialConversionOptions))]
[JsonSerializable(typeof(TrialConversionResult))]
[JsonSerializable(typeof(RepeatPurchaseOptions))]
[JsonSerializable(typeof(ShiftedBetaGeometricModel))]
[JsonSerializable(typeof(SubscriptionEvent))]
[JsonSerializable(typeof(SurvivalCohort))]
[JsonSerializable(typeof(SurvivalObservation))]

// Reviews
[JsonSerializable(typeof(RankedItem))]
[JsonSerializable(typeof(Review))]
[JsonSerializable(typeof(ReviewChange))]
[JsonSerializable(typeof(ReviewOptions))]
[JsonSerializable(typeof(ReviewRanking))]
[JsonSerializable(typeof(ReviewResult))]
[JsonSerializable(typeof(ReviewScale))]
[JsonSerializable(typeof(SourceRating))]

// Statistics
[JsonSerializable(typeof(ChiSquareResult))]
[JsonSerializable(typeof(WelchAnovaResult))]
[JsonSerializable(typeof(OmnibusTest))]
[JsonSerializable(typeof(BcaInterval))]
[JsonSerializable(typeof(ConfidenceInterval))]
[JsonSerializable(typeof(CupedComparison))]
[JsonSerializable(typeof(FitDiagnostics))]
[JsonSerializable(typeof(FitOptions))]
[JsonSerializable(typeof(MeanComparison))]
[JsonSerializable(typeof(MeanEstimate))]
[JsonSerializable(typeof(ParameterEstimate))]
[JsonSerializable(typeof(CoefficientEstimate))]
[JsonSerializable(typeof(ProportionComparison))]
[JsonSerializable(typeof(ProportionEstimate))]
[JsonSerializable(typeof(ProportionRatio))]
[JsonSerializable(typeof(QuantileSummary))]
[JsonSerializable(typeof(RateEstimate))]

// Support
[JsonSerializable(typeof(DurationSummary))]
[JsonSerializable(typeof(ElapsedTime))]
[JsonSerializable(typeof(PercentileValue))]
[JsonSerializable(typeof(SlaCell))]
[JsonSerializable(typeof(SlaTarget))]
[JsonSerializable(typeof(SupportChange))]
[JsonSerializable(typeof(SupportOptions))]
[JsonSerializable(typeof(SupportResult))]
[JsonSerializable(typeof(TicketStatusChange))]
[JsonSerializable(typeof(TicketMessage))]
[JsonSerializable(typeof(StatusTimes))]
[JsonSerializable(typeof(ReplyTimes))]
[JsonSerializable(typeof(TicketResolutionResult))]
[JsonSerializable(typeof(BacklogCell))]
[JsonSerializable(typeof(BacklogResult))]
[JsonSerializable(typeof(SlaPeriod))]
[JsonSerializable(typeof(CxMetrics.Statistics.ProportionTest))]
[JsonSerializable(typeof(TicketTimes))]
[JsonSerializable(typeof(WeeklyOpening))]

// Surveys
[JsonSerializable(typeof(NpsComparison))]
[JsonSerializable(typeof(NpsResult))]
[JsonSerializable(typeof(RatingResult))]
[JsonSerializable(typeof(RatingScale))]
[JsonSerializable(typeof(SurveyOptions))]
[JsonSerializable(typeof(SurveyResponse))]

// Time
[JsonSerializable(typeof(CalendarPeriod))]

// Breakdowns: the closed types the calculators return, keyed by string (segment, channel, ...) or by calendar period
[JsonSerializable(typeof(IReadOnlyList<BreakdownCell<string, AbandonmentResult>>))]
[JsonSerializable(typeof(IReadOnlyList<BreakdownCell<string, ChurnResult>>))]
[JsonSerializable(typeof(IReadOnlyList<BreakdownCell<string, CohortMatrix>>))]
[JsonSerializable(typeof(IReadOnlyList<BreakdownCell<string, ConversionResult>>))]
[JsonSerializable(typeof(IReadOnlyList<BreakdownCell<string, EffortResult>>))]
[JsonSerializable(typeof(IReadOnlyList<BreakdownCell<string, FunnelResult>>))]
[JsonSerializable(typeof(IReadOnlyList<BreakdownCell<string, KaplanMeierResult>>))]
[JsonSerializable(typeof(IReadOnlyList<BreakdownCell<string, NpsResult>>))]
[JsonSerializable(typeof(BreakdownComparison<string, NpsComparison>))]
[JsonSerializable(typeof(BreakdownComparison<string, ProportionComparison>))]
[JsonSerializable(typeof(BreakdownComparison<string, MeanComparison>))]
[JsonSerializable(typeof(PairwiseComparison<string, NpsComparison>))]
[JsonSerializable(typeof(PairwiseComparison<string, ProportionComparison>))]
[JsonSerializable(typeof(PairwiseComparison<string, MeanComparison>))]
[JsonSerializable(typeof(IReadOnlyList<BreakdownCell<string, RatingResult>>))]
[JsonSerializable(typeof(IReadOnlyList<BreakdownCell<string, ReviewResult>>))]
[JsonSerializable(typeof(IReadOnlyList<BreakdownCell<string, SupportResult>>))]
[JsonSerializable(typeof(IReadOnlyList<BreakdownCell<string, ValueAtStakeResult>>))]
[JsonSerializable(typeof(IReadOnlyList<PeriodCell<AbandonmentResult, ProportionComparison>>))]
[JsonSerializable(typeof(IReadOnlyList<PeriodCell<AcquisitionCohort, ProportionComparison>>))]
[JsonSerializable(typeof(IReadOnlyList<PeriodCell<ChurnResult, ProportionComparison>>))]
[JsonSerializable(typeof(IReadOnlyList<PeriodCell<ConversionResult, ProportionComparison>>))]
[JsonSerializable(typeof(IReadOnlyList<PeriodCell<EffortResult, EffortChange>>))]
[JsonSerializable(typeof(IReadOnlyList<PeriodCell<FunnelResult, ProportionComparison>>))]
[JsonSerializable(typeof(IReadOnlyList<PeriodCell<NpsResult, NpsComparison>>))]
[JsonSerializable(typeof(IReadOnlyList<PeriodCell<RatingResult, ProportionComparison>>))]
[JsonSerializable(typeof(IReadOnlyList<PeriodCell<ReviewResult, ReviewChange>>))]
[JsonSerializable(typeof(IReadOnlyList<PeriodCell<RevenueChurnResult, RevenueChurnChange>>))]
[JsonSerializable(typeof(IReadOnlyList<PeriodCell<SupportResult, SupportChange>>))]
[JsonSerializable(typeof(IReadOnlyList<PeriodSeries<string, ChurnResult, ProportionComparison>>))]
[JsonSerializable(typeof(IReadOnlyList<PeriodSeries<string, NpsResult, NpsComparison>>))]
[JsonSerializable(typeof(IReadOnlyList<PeriodSeries<string, RatingResult, ProportionComparison>>))]

// Lists of the results and inputs that come in bulk
[JsonSerializable(typeof(IReadOnlyList<CustomerSummary>))]
[JsonSerializable(typeof(IReadOnlyList<MrrMovement>))]
[JsonSerializable(typeof(IReadOnlyList<CartOutcome>))]
[JsonSerializable(typeof(IReadOnlyList<TicketTimes>))]
[JsonSerializable(typeof(IReadOnlyList<Order>))]
[JsonSerializable(typeof(IReadOnlyList<SurveyResponse>))]
[JsonSerializable(typeof(IReadOnlyList<Session>))]
[JsonSerializable(typeof(IReadOnlyList<AcquiredCustomer>))]
[JsonSerializable(typeof(IReadOnlyList<AcquisitionSpend>))]
[JsonSerializable(typeof(IReadOnlyList<CartEvent>))]
[JsonSerializable(typeof(IReadOnlyList<Assignment>))]
[JsonSerializable(typeof(IReadOnlyList<OutcomeEvent>))]
[JsonSerializable(typeof(IReadOnlyList<SubscriptionEvent>))]
[JsonSerializable(typeof(IReadOnlyList<SurvivalObservation>))]
[JsonSerializable(typeof(IReadOnlyList<SurvivalCohort>))]
[JsonSerializable(typeof(IReadOnlyList<ChurnResult>))]
[JsonSerializable(typeof(IReadOnlyList<RetentionRateResult>))]
[JsonSerializable(typeof(IReadOnlyList<RevenueChurnResult>))]
[JsonSerializable(typeof(IReadOnlyList<PurchaseFrequencyResult>))]
[JsonSerializable(typeof(IReadOnlyList<SlaCell>))]
[JsonSerializable(typeof(IReadOnlyList<LogRankGroup>))][JsonSerializable(typeof(SupportTicket))]
[JsonSerializable(typeof(IReadOnlyList<SupportTicket>))]
[JsonSerializable(typeof(IReadOnlyList<Review>))]
[JsonSerializable(typeof(IReadOnlyList<NodaTime.Instant>))]
[JsonSerializable(typeof(IReadOnlyList<TicketStatusChange>))]
[JsonSerializable(typeof(IReadOnlyList<TicketMessage>))]
[JsonSerializable(typeof(IReadOnlyList<SlaPeriod>))]
[JsonSerializable(typeof(IReadOnlyList<NodaTime.Interval>))]
public sealed partial class CxMetricsJsonContext : JsonSerializerContext
{
}
