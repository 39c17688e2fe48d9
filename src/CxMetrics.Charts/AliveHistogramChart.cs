using System.Globalization;
using CxMetrics.Lifetime;
using ScottPlot;

namespace CxMetrics.Charts;

/// <summary>
/// The distribution of P(alive) over a customer base (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy
/// way", §4: the share of customers still "alive" given their purchase history) as a histogram of 20 bins of width 0.05
/// (the last bin includes 1), in percent of customers (case weights of compressed <see cref="RfmData"/> respected), with
/// the median marked.
/// </summary>
/// <remarks>Zero customers give a placeholder chart. A model whose fit did not converge is rejected with an
/// <see cref="ArgumentException"/>: its P(alive) values would not mean anything.</remarks>
public static class AliveHistogramChart
{
    /// <summary>The number of bins.</summary>
    public const int Bins = 20;

    /// <summary>The histogram of P(alive) under <paramref name="model"/> as SVG.</summary>
    /// <param name="model">A converged BG/NBD, MBG/NBD or Pareto/NBD fit.</param>
    /// <param name="customers">The customers (frequency, recency, age in the model's time unit).</param>
    /// <param name="options">Size and title.</param>
    /// <returns>A standalone SVG document.</returns>
    public static string ToAliveHistogramSvg(this IPurchaseModel model, RfmData customers, ChartOptions? options = null) =>
        Render(model, customers, options, svg: true).Svg!;

    /// <summary>The histogram of P(alive) under <paramref name="model"/> as PNG.</summary>
    /// <param name="model">A converged fit.</param>
    /// <param name="customers">The customers.</param>
    /// <param name="options">Size and title.</param>
    /// <returns>PNG bytes.</returns>
    public static byte[] ToAliveHistogramPng(this IPurchaseModel model, RfmData customers, ChartOptions? options = null) =>
        Render(model, customers, options, svg: false).Png!;

    /// <summary>The weighted share of customers in each of the <see cref="Bins"/> bins.</summary>
    /// <param name="model">A converged fit.</param>
    /// <param name="customers">The customers.</param>
    /// <returns>Shares summing to 1 (all 0 without customers).</returns>
    public static double[] Histogram(IPurchaseModel model, RfmData customers) => Compute(model, customers).Shares;

    private static (double[] Shares, double? Median, double Weight) Compute(IPurchaseModel model, RfmData customers)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customers);
        if (!model.Diagnostics.IsConverged)
        {
            throw new ArgumentException($"the {Name(model)} fit has status {model.Diagnostics.Status}, not converged: its P(alive) is not drawn.", nameof(model));
        }

        var shares = new double[Bins];
        int count = customers.Count;
        var alive = new (double P, double W)[count];
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            double p = Math.Clamp(model.ProbabilityAlive(customers.Frequency[i], customers.Recency[i], customers.Age[i]), 0, 1);
            double w = customers.Weight[i];
            alive[i] = (p, w);
            shares[Math.Min(Bins - 1, (int)(p * Bins))] += w;
            total += w;
        }

        if (total <= 0)
        {
            return (shares, null, 0);
        }

        for (int b = 0; b < Bins; b++)
        {
            shares[b] /= total;
        }

        Array.Sort(alive, (a, b) => a.P.CompareTo(b.P));
        double cumulative = 0;
        double median = alive[^1].P;
        foreach (var (p, w) in alive)
        {
            cumulative += w;
            if (cumulative >= total / 2)
            {
                median = p;
                break;
            }
        }

        return (shares, median, total);
    }

    private static (string? Svg, byte[]? Png) Render(IPurchaseModel model, RfmData customers, ChartOptions? options, bool svg)
    {
        var (shares, median, weight) = Compute(model, customers);
        options ??= ChartOptions.Default;
        options.Validate();
        string title = options.Title ?? string.Create(CultureInfo.InvariantCulture, $"P(alive) across {ChartCanvas.Count(weight)} customers ({Name(model)})");
        Plot plot;
        string description;
        if (median is null)
        {
            plot = ChartCanvas.Placeholder(title, "No customers: nothing to draw.");
            description = "No customers.";
        }
        else
        {
            plot = ChartCanvas.Create(title, "P(alive): probability the customer has not yet dropped out", "Customers (%)");
            var bars = new Bar[Bins];
            double top = 0;
            for (int b = 0; b < Bins; b++)
            {
                bars[b] = new Bar
                {
                    Position = (b + 0.5) / Bins,
                    Value = shares[b] * 100,
                    Size = 1.0 / Bins * 0.92,
                    FillColor = ChartCanvas.Color(Palette.SeriesColor(0)),
                    LineWidth = 0,
                };
                top = Math.Max(top, shares[b] * 100);
            }

            plot.Add.Bars(bars);
            var line = plot.Add.VerticalLine(median.Value);
            line.LineColor = ChartCanvas.Color(Palette.SeriesColor(3));
            line.LineWidth = 2;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"median {median.Value:0.00}");
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                [0, 0.2, 0.4, 0.6, 0.8, 1.0], ["0", "0.2", "0.4", "0.6", "0.8", "1"]);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0", CultureInfo.InvariantCulture) + "%" };
            plot.Axes.SetLimits(-0.01, 1.01, 0, top * 1.1);
            plot.ShowLegend(Alignment.UpperCenter);
            plot.Legend.FontSize = 12;
            description = string.Create(CultureInfo.InvariantCulture, $"{Bins} bins of P(alive) over {ChartCanvas.Count(weight)} customers; median {median.Value:0.000}.");
        }

        return svg ? (ChartCanvas.Svg(plot, options, title, description), null) : (null, ChartCanvas.Png(plot, options));
    }

    private static string Name(IPurchaseModel model) => model switch
    {
        BetaGeoNbdModel => "BG/NBD",
        ModifiedBetaGeoNbdModel => "MBG/NBD",
        ParetoNbdModel => "Pareto/NBD",
        _ => model.GetType().Name.Replace("Model", string.Empty, StringComparison.Ordinal),
    };
}
