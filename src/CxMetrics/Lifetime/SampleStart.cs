using CxMetrics.Statistics;

namespace CxMetrics.Lifetime;

/// <summary>
/// The warm start of a fit on many distinct rows: the same model fitted first on a systematic sample of the rows (every
/// m-th, weights × m, about <see cref="SampleRows"/> rows), whose estimate is close to the full one, so the fit on all rows
/// needs a few Newton steps (with an analytic Hessian) or a few BFGS iterations instead of a climb from the generic start.
/// The full fit still runs to the engine's own convergence test, so the estimate is the full data's maximum.
/// </summary>
internal static class SampleStart
{
    /// <summary>Fewer distinct rows than this are fitted from the model's generic start.</summary>
    internal const int MinRows = 1 << 16;

    /// <summary>The approximate size of the sample.</summary>
    internal const int SampleRows = 1 << 14;

    /// <summary>
    /// The estimate on a sample of <paramref name="compressed"/>, or <see langword="null"/> when the data are small or the
    /// sample fit did not converge (the full fit then starts from <paramref name="start"/>).
    /// </summary>
    /// <param name="compressed">The compressed rows.</param>
    /// <param name="start">The model's generic start (also the prior's centre of a regularised fit).</param>
    /// <param name="options">The fit's options.</param>
    /// <param name="fit">Fits the model on rows from a start, with a prior centre.</param>
    /// <returns>The sample's estimate on the natural scale, or <see langword="null"/>.</returns>
    public static double[]? Estimate(RfmData compressed, double[] start, FitOptions options, Func<RfmData, double[], FitOptions, MaximumLikelihood.Outcome> fit)
    {
        if (compressed.Count < MinRows)
        {
            return null;
        }

        var outcome = fit(compressed.EveryNth(compressed.Count / SampleRows), start, options);
        return outcome.Diagnostics.Status is FitStatus.Converged or FitStatus.ConvergedWithFallback ? outcome.Parameters : null;
    }
}
