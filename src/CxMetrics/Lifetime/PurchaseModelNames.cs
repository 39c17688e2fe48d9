namespace CxMetrics.Lifetime;

/// <summary>The display name of a purchase model, for the fit checks' titles and notes.</summary>
internal static class PurchaseModelNames
{
    public static string Of(IPurchaseModel model) => model switch
    {
        BetaGeoNbdModel bg => bg.IsModified ? "MBG/NBD" : "BG/NBD",
        ModifiedBetaGeoNbdModel => "MBG/NBD",
        ParetoNbdModel => "Pareto/NBD",
        _ => model.GetType().Name,
    };

    /// <summary>Throws when the fit did not converge, naming <paramref name="paramName"/>.</summary>
    public static void EnsureConverged(IPurchaseModel model, string paramName)
    {
        ArgumentNullException.ThrowIfNull(model, paramName);
        if (!model.Diagnostics.IsConverged)
        {
            throw new InvalidOperationException($"the {Of(model)} fit did not converge ({model.Diagnostics.Status}: {model.Diagnostics.Message}); it is not checked against data.");
        }
    }

    /// <summary>The holdout length of a summary in its time unit; throws (naming <c>summary</c>) without a holdout.</summary>
    public static double HoldoutLength(CustomerBaseSummary summary)
    {
        var end = summary.Options.HoldoutEnd ?? throw new ArgumentException(
            $"the customer summary (calibration to {summary.Options.CalibrationEnd:yyyy-MM-dd}) has no holdout: there is nothing to check the model against.", nameof(summary));
        return summary.Options.TimeUnit.FromDays(NodaTime.Period.DaysBetween(summary.Options.CalibrationEnd, end));
    }

    public static void CheckLastBin(int lastBin)
    {
        if (lastBin < 1 || lastBin > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(lastBin), lastBin, $"the last bin {lastBin} must be between 1 and 1,000 (customers with this many repeat purchases or more share it).");
        }
    }
}
