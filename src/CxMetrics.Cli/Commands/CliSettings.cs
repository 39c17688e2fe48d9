using CxMetrics.Cli.Output;
using CxMetrics.Surveys;
using CxMetrics.Time;
using NodaTime;

namespace CxMetrics.Cli.Commands;

/// <summary>Options shared by the commands (see docs/cli.md for each flag and its default).</summary>
internal sealed record CliSettings
{
    public DateTimeZone? Zone { get; init; }

    public Instant? AsOf { get; init; }

    public PeriodUnit Period { get; init; } = PeriodUnit.Month;

    public string? Segment { get; init; }

    public RatingScale? Scale { get; init; }

    public double ConfidenceLevel { get; init; } = 0.95;

    public int MinimumCellSize { get; init; } = 30;

    public OutputFormat Format { get; init; } = OutputFormat.Table;

    /// <summary>Small-cell privacy (<c>--suppress-below</c>, <c>--suppression</c>), passed to every table writer.</summary>
    public Reporting.SuppressionOptions Suppression { get; init; } = Reporting.SuppressionOptions.None;

    public char Delimiter { get; init; } = ',';

    public bool Strict { get; init; }

    public (LocalTime Open, LocalTime Close)? Hours { get; init; }

    /// <summary>How files are read: column maps, mapping file, preset, value formats (see <see cref="Input.InputSettings"/>).</summary>
    public Input.InputSettings Input { get; init; } = CxMetrics.Cli.Input.InputSettings.Default;

    /// <summary>The options of the churn, cohorts, funnel and CLV commands.</summary>
    public FamilySettings Family { get; init; } = new();

    /// <summary>Progress on long work (stderr, terminals only).</summary>
    public ProgressDisplay Progress { get; init; } = ProgressDisplay.None;

    public SurveyOptions SurveyOptions => new() { ConfidenceLevel = ConfidenceLevel, MinimumCellSize = MinimumCellSize };

    /// <summary>The zone for periods: the given one, else UTC.</summary>
    public DateTimeZone PeriodZone => Zone ?? DateTimeZone.Utc;

    /// <summary>The period grid: <see cref="Period"/> in <see cref="PeriodZone"/>, weeks from Monday.</summary>
    public CxMetrics.Time.PeriodGrid Grid => grid ??= new(PeriodZone, Period);

    private CxMetrics.Time.PeriodGrid? grid;
}
