using CxMetrics.Statistics;

namespace CxMetrics.Lifetime;

/// <summary>
/// What the interval calculators need from a fitted purchase model, for each model that has a Hessian (BG/NBD, MBG/NBD,
/// Pareto/NBD): its natural parameters, its fit objective on a data set (the likelihood the engine maximised, with the
/// prior of a regularised fit), the same model with other parameters, and a refit with the options it was fitted with.
/// </summary>
internal static class PurchaseModelParameters
{
    /// <summary>The natural parameters in the engine's order: (r, α, a, b) or (r, α, s, β).</summary>
    public static double[] Of(IPurchaseModel model) => model switch
    {
        BetaGeoNbdModel m => [m.R.Value, m.Alpha.Value, m.A.Value, m.B.Value],
        ModifiedBetaGeoNbdModel m => [m.R.Value, m.Alpha.Value, m.A.Value, m.B.Value],
        ParetoNbdModel m => [m.R.Value, m.Alpha.Value, m.S.Value, m.Beta.Value],
        _ => throw Unsupported(model),
    };

    /// <summary>The options the model was fitted with (its prior, when regularised).</summary>
    public static FitOptions Options(IPurchaseModel model) => model switch
    {
        BetaGeoNbdModel m => m.FitOptions,
        ModifiedBetaGeoNbdModel m => m.FitOptions,
        ParetoNbdModel m => m.FitOptions,
        _ => throw Unsupported(model),
    };

    /// <summary>The fit's objective −LL/W (plus the prior's term for a regularised fit) on <paramref name="data"/>, with its analytic gradient.</summary>
    public static (NegativeLogLikelihood Objective, double TotalWeight) Objective(IPurchaseModel model, RfmData data)
    {
        var compressed = data.Compress();
        NegativeLogLikelihood raw = model switch
        {
            BetaGeoNbdModel m => new BetaGeoLikelihood(compressed, m.IsModified).Evaluate,
            ModifiedBetaGeoNbdModel => new BetaGeoLikelihood(compressed, true).Evaluate,
            ParetoNbdModel => new ParetoNbdLikelihood(compressed).Evaluate,
            _ => throw Unsupported(model),
        };
        return (Regularisation.Objective(raw, Options(model), PurchaseStart(model, compressed), compressed.TotalWeight), compressed.TotalWeight);
    }

    /// <summary>The model with parameters <paramref name="theta"/> (natural scale) and the original diagnostics, for predictions.</summary>
    public static IPurchaseModel With(IPurchaseModel model, double[] theta) => model switch
    {
        BetaGeoNbdModel m => m with { R = Estimate(m.R, theta[0]), Alpha = Estimate(m.Alpha, theta[1]), A = Estimate(m.A, theta[2]), B = Estimate(m.B, theta[3]) },
        ModifiedBetaGeoNbdModel m => m with { R = Estimate(m.R, theta[0]), Alpha = Estimate(m.Alpha, theta[1]), A = Estimate(m.A, theta[2]), B = Estimate(m.B, theta[3]) },
        ParetoNbdModel m => m with { R = Estimate(m.R, theta[0]), Alpha = Estimate(m.Alpha, theta[1]), S = Estimate(m.S, theta[2]), Beta = Estimate(m.Beta, theta[3]) },
        _ => throw Unsupported(model),
    };

    /// <summary>E[Y(t) | x, t_x, T] / P(alive | x, t_x, T), a function of (x, T) only for every supported model.</summary>
    public static Func<double, double, double, double> IfAlive(IPurchaseModel model) => model switch
    {
        BetaGeoNbdModel m => m.ExpectedPurchasesIfAlive,
        ModifiedBetaGeoNbdModel m => m.Core.ExpectedPurchasesIfAlive,
        ParetoNbdModel m => m.ExpectedPurchasesIfAlive,
        _ => throw Unsupported(model),
    };

    /// <summary>The same model refitted to <paramref name="data"/> with the options of the original fit.</summary>
    public static IPurchaseModel Refit(IPurchaseModel model, RfmData data) => model switch
    {
        BetaGeoNbdModel m => BetaGeoNbd.FitCore(data, m.IsModified, m.FitOptions),
        ModifiedBetaGeoNbdModel m => ModifiedBetaGeoNbd.Fit(data, m.FitOptions),
        ParetoNbdModel m => ParetoNbd.Fit(data, m.FitOptions),
        _ => throw Unsupported(model),
    };

    /// <summary>The engine's start for the model on compressed data (the centre of a regularised fit's prior).</summary>
    public static double[] PurchaseStart(IPurchaseModel model, RfmData compressed) => model switch
    {
        ParetoNbdModel => ParetoNbd.Start(compressed),
        _ => BetaGeoNbd.Start(compressed),
    };

    private static ParameterEstimate Estimate(ParameterEstimate original, double value) => original with { Value = value };

    private static ArgumentException Unsupported(IPurchaseModel purchaseModel) =>
        new($"intervals need a BG/NBD, MBG/NBD or Pareto/NBD model fitted by this library; got {purchaseModel.GetType().Name}.", nameof(purchaseModel));
}
