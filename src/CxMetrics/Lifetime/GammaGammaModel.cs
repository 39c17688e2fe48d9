using CxMetrics.Internal;
using CxMetrics.Statistics;

namespace CxMetrics.Lifetime;

/// <summary>A fitted gamma-gamma spend model (Fader &amp; Hardie 2013) with its predictions.</summary>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record GammaGammaModel : Reporting.IReportable
{
    /// <summary>Shape p of a transaction's value given the customer, with its standard error.</summary>
    public required ParameterEstimate P { get; init; }

    /// <summary>Shape q of the distribution of the customer-level rate ν, with its standard error.</summary>
    public required ParameterEstimate Q { get; init; }

    /// <summary>Rate γ of the distribution of ν (in the currency's units), with its standard error.</summary>
    public required ParameterEstimate Gamma { get; init; }


    /// <summary>The fit's status and log-likelihood.</summary>
    public required FitDiagnostics Diagnostics { get; init; }

    /// <summary>The options of the fit (a regularised fit's prior), for refits and the Hessian of the interval calculators.</summary>
    internal FitOptions FitOptions { get; init; } = FitOptions.Default;

    /// <summary>
    /// Repeat buyers left out of the fit because their mean repeat spend is 0 (the zero-spend policy of
    /// <see cref="GammaGamma.Fit(CustomerBaseSummary, FitOptions)"/>); 0 for a fit to columns, which refuse such rows.
    /// </summary>
    public int ZeroSpendExcluded { get; init; }

    /// <summary>
    /// The population mean transaction value E[Z] = pγ/(q − 1); <see langword="null"/> when q ≤ 1 (the mean is infinite)
    /// or the fit did not converge.
    /// </summary>
    public double? ExpectedSpend => Diagnostics.IsConverged && Q.Value > 1 ? P.Value * Gamma.Value / (Q.Value - 1) : null;

    /// <summary>
    /// E[Z | x, z̄] = p(γ + x z̄)/(px + q − 1): a weighted average of the population mean and the customer's own mean
    /// (Fader &amp; Hardie 2013, eq. 5). A customer with x = 0 gets the population mean. Requires px + q &gt; 1.
    /// </summary>
    /// <param name="frequency">x ≥ 0.</param>
    /// <param name="meanSpend">z̄ (ignored when x = 0).</param>
    /// <returns>The expected value of the customer's next transaction.</returns>
    /// <exception cref="InvalidOperationException">The fit did not converge, or px + q ≤ 1.</exception>
    public double ConditionalExpectedSpend(double frequency, double meanSpend)
    {
        EnsureUsable();
        ArgumentOutOfRangeException.ThrowIfNegative(frequency);
        if (frequency == 0)
        {
            meanSpend = 0;
        }

        double denominator = (P.Value * frequency) + Q.Value - 1;
        if (!(denominator > 0))
        {
            throw new InvalidOperationException($"the expected spend is infinite for x = {frequency}: px + q = {denominator + 1} ≤ 1.");
        }

        return P.Value * (Gamma.Value + (frequency * meanSpend)) / denominator;
    }

    /// <summary>Formats the parameters and fit.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"Gamma-Gamma: {string.Join(", ", P, Q, Gamma)}; {Diagnostics}";

    internal static GammaGammaModel From(MaximumLikelihood.Outcome outcome)
    {
        return new GammaGammaModel
        {
            P = outcome.Estimate(0, "p"),
            Q = outcome.Estimate(1, "q"),
            Gamma = outcome.Estimate(2, "gamma"),
            Diagnostics = outcome.Diagnostics,
        };
    }

    internal static GammaGammaModel Empty() => new()
    {
        P = new ParameterEstimate { Name = "p", Value = 0, StandardError = null },
        Q = new ParameterEstimate { Name = "q", Value = 0, StandardError = null },
        Gamma = new ParameterEstimate { Name = "gamma", Value = 0, StandardError = null },
        Diagnostics = MaximumLikelihood.NoData("no customers to fit."),
    };

    private void EnsureUsable()
    {
        if (!Diagnostics.IsConverged)
        {
            throw new InvalidOperationException($"the gamma-gamma fit did not converge ({Diagnostics.Status}: {Diagnostics.Message}); its parameters are not used for predictions.");
        }
    }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Parameters(), Fit());

    private ResultGrid Parameters()
    {
        var grid = FitTables.Parameters("Gamma-Gamma parameters", Diagnostics, P, Q, Gamma)
            .Note("expected spend per order E(M) = pγ/(q − 1): " + ResultTable.Number(ExpectedSpend, "0.00"));
        return ZeroSpendExcluded == 0 ? grid
            : grid.Note(ResultTable.Count(ZeroSpendExcluded) + " repeat buyers with zero mean spend are left out of the fit (the model has no zero-value transactions)");
    }

    private ResultTable Fit() => FitTables.Diagnostics(Diagnostics);
}
