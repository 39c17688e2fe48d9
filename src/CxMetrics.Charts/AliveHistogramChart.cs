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

    /// <summary>The repeat buyers' histogram (shares of the repeat buyers' weight), their median, and the one-time buyers (x = 0) apart.</summary>
    internal static Split SplitByRepeat(IPurchaseModel model, RfmData customers)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customers);
        Compute(model, customers);
        var repeat = new List<(double P, double W)>();
        var once = new List<(double P, double W)>();
        for (int i = 0; i < customers.Count; i++)
        {
            double p = Math.Clamp(model.ProbabilityAlive(customers.Frequency[i], customers.Recency[i], customers.Age[i]), 0, 1);
            (customers.Frequency[i] > 0 ? repeat : once).Add((p, customers.Weight[i]));
        }

        var shares = new double[Bins];
        double repeatWeight = repeat.Sum(c => c.W);
        foreach (var (p, w) in repeat)
        {
            shares[Math.Min(Bins - 1, (int)(p * Bins))] += repeatWeight > 0 ? w / repeatWeight : 0;
        }

        return new Split(shares, repeatWeight, Median(repeat), once.Sum(c => c.W), Median(once), once.Count == 0 ? null : once.Min(c => c.P), once.Count == 0 ? null : once.Max(c => c.P));
    }

    internal sealed record Split(double[] RepeatShares, double RepeatWeight, double? RepeatMedian, double OneTimeWeight, double? OneTimeMedian, double? OneTimeMin, double? OneTimeMax);

    private static double? Median(List<(double P, double W)> values)
    {
        double total = values.Sum(v => v.W);
        if (values.Count == 0 || total <= 0)
        {
            return null;
        }

        values.Sort((a, b) => a.P.CompareTo(b.P));
        double cumulative = 0;
        foreach (var (p, w) in values)
        {
            cumulative += w;
            if (cumulative >= total / 2)
            {
                return p;
            }
        }

        return values[^1].P;
    }

    private static (string? Svg, byte[]? Png) Render(IPurchaseModel model, RfmData customers, ChartOptions? options, bool svg)
    {
        var split = SplitByRepeat(model, customers);
        options ??= ChartOptions.Default;
        options.Validate();
        double weight = split.RepeatWeight + split.OneTimeWeight;
        string name = Name(model);
        string title = options.Title ?? string.Create(CultureInfo.InvariantCulture, $"P(alive) across {ChartCanvas.Count(weight, options)} customers ({name})");
        if (weight <= 0)
        {
            var empty = ChartCanvas.Placeholder(title, "No customers: nothing to draw.");
            return svg ? (ChartCanvas.Svg(empty, options, title, "No customers."), null) : (null, ChartCanvas.Png(empty, options));
        }

        Plot plot;
        string description;
        if (split.RepeatMedian is not { } median)
        {
            plot = ChartCanvas.Placeholder(title, "No repeat buyers: every customer bought once.");
            description = "No repeat buyers.";
        }
        else
        {
            plot = ChartCanvas.Create(title, "P(alive) of repeat buyers: probability the customer has not yet dropped out", "Repeat buyers (%)");
            var bars = new Bar[Bins];
            double top = 0;
            for (int b = 0; b < Bins; b++)
            {
                bars[b] = new Bar
                {
                    Position = (b + 0.5) / Bins,
                    Value = split.RepeatShares[b] * 100,
                    Size = 1.0 / Bins * 0.92,
                    FillColor = ChartCanvas.Color(Palette.SeriesColor(0)),
                    LineWidth = 0,
                };
                top = Math.Max(top, split.RepeatShares[b] * 100);
            }

            plot.Add.Bars(bars);
            var line = plot.Add.VerticalLine(median);
            line.LineColor = ChartCanvas.Color(Palette.SeriesColor(3));
            line.LineWidth = 2;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"median {median:0.00}");
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                [0, 0.2, 0.4, 0.6, 0.8, 1.0], ["0", "0.2", "0.4", "0.6", "0.8", "1"]);
            double[] ticks = ChartCanvas.NiceTicks(top, 5);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, [.. ticks.Select(t => ChartCanvas.Tick(t) + "%")]);
            plot.Axes.SetLimits(-0.01, 1.01, 0, top * 1.1);
            plot.ShowLegend(Alignment.UpperCenter);
            plot.Legend.FontSize = 12;
            description = string.Create(CultureInfo.InvariantCulture, $"{Bins} bins of P(alive) over {ChartCanvas.Count(split.RepeatWeight, options)} repeat buyers; median {median:0.000}.");
        }

        description += string.Create(CultureInfo.InvariantCulture, $" One-time buyers shown apart: {ChartCanvas.Count(split.OneTimeWeight, options)}.");
        int right = Math.Min(230, options.Width / 3);
        if (!svg)
        {
            // The PNG names the one-time buyers in the legend instead of the SVG's panel.
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = string.Create(CultureInfo.InvariantCulture, $"one-time buyers apart: {ChartCanvas.Count(split.OneTimeWeight, options)} ({ChartCanvas.Percent(split.OneTimeWeight / weight, "0.0")})") });
            plot.ShowLegend(Alignment.UpperCenter);
            return (null, ChartCanvas.Png(plot, options));
        }

        string Overlay(Plot p)
        {
            double x = options.Width - right + 10, w = right - 20, y = 60;
            double share = split.OneTimeWeight / weight;
            var sb = new System.Text.StringBuilder("<g class=\"cxm-one-time\">");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{w:0.##}\" height=\"150\" fill=\"#F7F7F7\" stroke=\"#CCCCCC\" stroke-width=\"1\"/>");
            sb.Append(ChartCanvas.Text(x + 8, y + 20, "One-time buyers (x = 0)", bold: true));
            sb.Append(ChartCanvas.Text(x + 8, y + 42, string.Create(CultureInfo.InvariantCulture, $"{ChartCanvas.Count(split.OneTimeWeight, options)} customers"), cssClass: "cxm-one-time-count"));
            sb.Append(ChartCanvas.Text(x + 8, y + 60, string.Create(CultureInfo.InvariantCulture, $"{ChartCanvas.Percent(share, "0.0")} of all customers")));
            double filled = (w - 16) * share;
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x + 8:0.##}\" y=\"{y + 70:0.##}\" width=\"{w - 16:0.##}\" height=\"10\" fill=\"{Palette.Unobservable}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"cxm-one-time-share\" x=\"{x + 8:0.##}\" y=\"{y + 70:0.##}\" width=\"{filled:0.##}\" height=\"10\" fill=\"{Palette.SeriesColor(1)}\"/>");
            string alive = split.OneTimeMedian is not { } m
                ? "none"
                : split.OneTimeMax - split.OneTimeMin < 0.005
                    ? string.Create(CultureInfo.InvariantCulture, $"{m:0.00} for all")
                    : string.Create(CultureInfo.InvariantCulture, $"median {m:0.00} ({split.OneTimeMin:0.00}–{split.OneTimeMax:0.00})");
            sb.Append(ChartCanvas.Text(x + 8, y + 102, "P(alive): " + alive));
            if (split.OneTimeMin >= 0.995)
            {
                sb.Append(ChartCanvas.Text(x + 8, y + 120, $"{name} cannot see a drop-out", size: 11, color: "#555555"));
                sb.Append(ChartCanvas.Text(x + 8, y + 136, "without a repeat purchase.", size: 11, color: "#555555"));
            }

            sb.Append("</g>");
            return sb.ToString();
        }

        return (ChartCanvas.Svg(plot, options, title, description, right, 0, Overlay), null);
    }

    private static string Name(IPurchaseModel model) => model switch
    {
        BetaGeoNbdModel => "BG/NBD",
        ModifiedBetaGeoNbdModel => "MBG/NBD",
        ParetoNbdModel => "Pareto/NBD",
        _ => model.GetType().Name.Replace("Model", string.Empty, StringComparison.Ordinal),
    };
}
