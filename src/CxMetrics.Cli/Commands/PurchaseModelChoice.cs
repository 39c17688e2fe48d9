using CxMetrics.Lifetime;
using CxMetrics.Statistics;

namespace CxMetrics.Cli.Commands;

/// <summary>
/// The purchase model chosen with <c>clv --model</c>, fitted: BG/NBD (Fader, Hardie &amp; Lee 2005; default), MBG/NBD
/// (Batislam, Denizel &amp; Filiztekin 2007) or Pareto/NBD (Schmittlein, Morrison &amp; Colombo 1987), with its name and
/// parameter estimates for the tables. BG/BB is not offered: it needs discrete purchase opportunities.
/// </summary>
internal sealed record PurchaseModelChoice(string Name, string JsonKey, IPurchaseModel Model, IReadOnlyList<ParameterEstimate> Estimates)
{
    public FitDiagnostics Diagnostics => Model.Diagnostics;

    public static PurchaseModelChoice Fit(string model, RfmData data) => Fit(model, data, FitOptions.Default);

    public static PurchaseModelChoice Fit(string model, RfmData data, FitOptions options)
    {
        switch (model)
        {
            case "mbg":
                var modified = ModifiedBetaGeoNbd.Fit(data, options);
                return new("MBG/NBD", "mbgNbd", modified, [modified.R, modified.Alpha, modified.A, modified.B]);
            case "pareto":
                var pareto = ParetoNbd.Fit(data, options);
                return new("Pareto/NBD", "paretoNbd", pareto, [pareto.R, pareto.Alpha, pareto.S, pareto.Beta]);
            default:
                var bg = BetaGeoNbd.Fit(data, options);
                return new("BG/NBD", "bgNbd", bg, [bg.R, bg.Alpha, bg.A, bg.B]);
        }
    }

    public void ProbabilityAlive(RfmData customers, Span<double> destination)
    {
        for (int i = 0; i < customers.Count; i++)
        {
            destination[i] = Model.ProbabilityAlive(customers.Frequency[i], customers.Recency[i], customers.Age[i]);
        }
    }

    public void ConditionalExpectedPurchases(double t, RfmData customers, Span<double> destination)
    {
        for (int i = 0; i < customers.Count; i++)
        {
            destination[i] = Model.ConditionalExpectedPurchases(t, customers.Frequency[i], customers.Recency[i], customers.Age[i]);
        }
    }

    public double ConditionalExpectedPurchases(double t, double frequency, double recency, double age) => Model.ConditionalExpectedPurchases(t, frequency, recency, age);
}
