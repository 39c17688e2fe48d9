using CxMetrics.Internal;
using System.Globalization;
using CxMetrics.Statistics;
using MathNet.Numerics.Distributions;

namespace CxMetrics.Lifetime;

/// <summary>
/// The fit of a purchase model with covariates on the one engine, shared by <see cref="BetaGeoNbdCovariateModel"/> and
/// <see cref="ParetoNbdCovariateModel"/>: four positive base parameters optimised as logarithms and the covariate
/// coefficients on their own (column-scaled) scale, started from the model without covariates (all γ = 0), then the
/// coefficients scaled back to the covariates' units and the likelihood-ratio test against the model without them.
/// </summary>
internal static class CovariateFit
{
    /// <summary>The fitted base parameters (natural scale), coefficients and test.</summary>
    internal sealed record Result(MaximumLikelihood.Outcome Outcome, CoefficientEstimate[] Purchase, CoefficientEstimate[] Dropout, ChiSquareResult? LikelihoodRatio);

    /// <summary>Fits.</summary>
    /// <param name="data">The customers.</param>
    /// <param name="purchase">The purchase covariates.</param>
    /// <param name="dropout">The dropout covariates.</param>
    /// <param name="row">The model's one-customer likelihood.</param>
    /// <param name="dropoutOnThird">Whether the dropout covariates also scale the third parameter (BG/NBD's a).</param>
    /// <param name="dropoutSign">+1 for θ·exp(γᵀw), −1 for θ·exp(−γᵀw).</param>
    /// <param name="plainParameters">The estimate of the model without covariates on the same customers: the start when it converged.</param>
    /// <param name="plain">Its diagnostics: its log-likelihood is the null of the test.</param>
    /// <param name="genericStart">The model's documented start (and the centre of a regularised fit's prior).</param>
    /// <param name="options">The fit's options.</param>
    public static Result Run(RfmData data, CustomerCovariates purchase, CustomerCovariates dropout, CovariateRowLikelihood row, bool dropoutOnThird, double dropoutSign, double[] plainParameters, FitDiagnostics plain, double[] genericStart, FitOptions options)
    {
        int kp = purchase.Names.Count, kd = dropout.Names.Count;
        int size = 4 + kp + kd;
        if (data.Count == 0)
        {
            if (purchase.Customers != 0 || dropout.Customers != 0)
            {
                throw new ArgumentException("the covariate tables have customers but the data have none.", nameof(purchase));
            }

            var none = new MaximumLikelihood.Outcome(new double[size], null, MaximumLikelihood.NoData("no customers to fit."));
            var zero = Unscaled(none, purchase, dropout, null);
            return new Result(none, zero[..kp], zero[kp..], null);
        }

        var likelihood = new CovariateLikelihood(data, purchase, dropout, row, dropoutOnThird, dropoutSign);
        var start = new double[size];
        var centre = new double[size];
        var from = plain.IsConverged ? plainParameters : genericStart;
        for (int i = 0; i < 4; i++)
        {
            start[i] = from[i];
            centre[i] = genericStart[i];
        }

        var outcome = Regularisation.Fit(likelihood.Evaluate, analyticGradient: true, start, likelihood.TotalWeight, likelihood.Rows, options, priorCentre: centre, positiveCount: 4);
        var coefficients = Unscaled(outcome, purchase, dropout, likelihood.Scale);
        ChiSquareResult? test = null;
        if (options.PriorScale is null && outcome.Diagnostics.IsConverged && plain.IsConverged
            && outcome.Diagnostics.LogLikelihood is { } full && plain.LogLikelihood is { } restricted)
        {
            // The covariate model nests the plain one (γ = 0) and starts from its optimum, so 2ΔLL ≥ 0 up to the
            // convergence tolerance; a difference below that tolerance is reported as 0.
            double statistic = Math.Max(0, 2 * (full - restricted));
            int df = kp + kd;
            test = new ChiSquareResult(statistic, df, df == 0 ? 1 : 1 - ChiSquared.CDF(df, statistic));
        }

        return new Result(outcome, coefficients[..kp], coefficients[kp..], test);
    }

    /// <summary>
    /// Simulates customers whose parameters follow the covariate model: customer i's α_i and dropout parameters from the
    /// base values and its covariates (as <see cref="CovariateLikelihood.Individual"/>), then one draw of the model's process.
    /// </summary>
    public static RfmData Simulate(double alpha, double p2, double p3, CustomerCovariates purchase, ReadOnlySpan<double> purchaseCoefficients, CustomerCovariates dropout, ReadOnlySpan<double> dropoutCoefficients, ReadOnlySpan<double> ages, int seed, bool dropoutOnThird, double dropoutSign, Func<Random, double, double, double, double, (int Count, double Last)> one)
    {
        ArgumentNullException.ThrowIfNull(purchase);
        ArgumentNullException.ThrowIfNull(dropout);
        int n = ages.Length;
        if (purchase.Customers != n || dropout.Customers != n || purchaseCoefficients.Length != purchase.Names.Count || dropoutCoefficients.Length != dropout.Names.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{n} ages, {purchase.Customers} × {purchase.Names.Count} purchase covariates with {purchaseCoefficients.Length} coefficients and {dropout.Customers} × {dropout.Names.Count} dropout covariates with {dropoutCoefficients.Length} coefficients do not line up."), nameof(ages));
        }

        var random = new Random(seed);
        var x = new double[n];
        var tx = new double[n];
        var z = new double[purchase.Names.Count];
        var w = new double[dropout.Names.Count];
        for (int i = 0; i < n; i++)
        {
            if (!(ages[i] >= 0) || double.IsInfinity(ages[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(ages), ages[i], $"age {ages[i]} of customer {i} must be finite and ≥ 0.");
            }

            for (int j = 0; j < z.Length; j++)
            {
                z[j] = purchase[i, j];
            }

            for (int j = 0; j < w.Length; j++)
            {
                w[j] = dropout[i, j];
            }

            var (a, b, c) = CovariateLikelihood.Individual(alpha, p2, p3, purchaseCoefficients, z, dropoutCoefficients, w, dropoutOnThird, dropoutSign);
            (x[i], tx[i]) = one(random, a, b, c, ages[i]);
        }

        return RfmData.Create(x, tx, ages);
    }

    private static CoefficientEstimate[] Unscaled(MaximumLikelihood.Outcome outcome, CustomerCovariates purchase, CustomerCovariates dropout, double[]? scale)
    {
        int kp = purchase.Names.Count, kd = dropout.Names.Count;
        var coefficients = new CoefficientEstimate[kp + kd];
        for (int j = 0; j < kp + kd; j++)
        {
            double s = scale?[j] ?? 1;
            coefficients[j] = new CoefficientEstimate
            {
                Name = j < kp ? purchase.Names[j] : dropout.Names[j - kp],
                Value = outcome.Parameters[4 + j] / s,
                StandardError = outcome.StandardErrors?[4 + j] / s,
            };
        }

        return coefficients;
    }

    /// <summary>Checks that prediction covariates have the fitted columns, in order, and as many rows as the customers.</summary>
    public static void CheckColumns(CustomerCovariates covariates, IReadOnlyList<CoefficientEstimate> coefficients, int rows, string name)
    {
        ArgumentNullException.ThrowIfNull(covariates, name);
        bool same = covariates.Names.Count == coefficients.Count;
        for (int j = 0; same && j < coefficients.Count; j++)
        {
            same = covariates.Names[j] == coefficients[j].Name;
        }

        if (!same)
        {
            throw new ArgumentException($"the {name} covariates have columns ({string.Join(", ", covariates.Names)}) but the model was fitted with ({string.Join(", ", coefficients.Select(c => c.Name))}).", name);
        }

        if (covariates.Customers != rows)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"the {name} covariates have {covariates.Customers} customers but there are {rows}."), name);
        }
    }

    /// <summary>Checks a single customer's covariate vector against the fitted coefficients.</summary>
    public static void CheckLength(ReadOnlySpan<double> values, IReadOnlyList<CoefficientEstimate> coefficients, string name)
    {
        if (values.Length != coefficients.Count)
        {
            throw new ArgumentException($"{values.Length} {name} covariate values given but the model has {coefficients.Count} ({string.Join(", ", coefficients.Select(c => c.Name))}).", name);
        }
    }

    /// <summary>The coefficient values.</summary>
    public static double[] Values(IReadOnlyList<CoefficientEstimate> coefficients)
    {
        var values = new double[coefficients.Count];
        for (int j = 0; j < values.Length; j++)
        {
            values[j] = coefficients[j].Value;
        }

        return values;
    }

    /// <summary>A prediction for every customer from the model of that customer's own parameters.</summary>
    public static void Predict<TModel>(RfmData customers, CustomerCovariates purchase, CustomerCovariates dropout, IReadOnlyList<CoefficientEstimate> purchaseCoefficients, IReadOnlyList<CoefficientEstimate> dropoutCoefficients, Span<double> destination, Func<double[], double[], TModel> modelOf, Func<TModel, double, double, double, double> predict)
    {
        ArgumentNullException.ThrowIfNull(customers);
        CheckColumns(purchase, purchaseCoefficients, customers.Count, nameof(purchase));
        CheckColumns(dropout, dropoutCoefficients, customers.Count, nameof(dropout));
        BetaGeoNbdModel.CheckDestination(customers, destination);
        var z = new double[purchaseCoefficients.Count];
        var w = new double[dropoutCoefficients.Count];
        for (int i = 0; i < customers.Count; i++)
        {
            for (int j = 0; j < z.Length; j++)
            {
                z[j] = purchase[i, j];
            }

            for (int j = 0; j < w.Length; j++)
            {
                w[j] = dropout[i, j];
            }

            destination[i] = predict(modelOf(z, w), customers.Frequency[i], customers.Recency[i], customers.Age[i]);
        }
    }

    /// <summary>A parameter estimate without a standard error (a customer's own parameter, a function of several estimates).</summary>
    public static ParameterEstimate Point(string name, double value) => new() { Name = name, Value = value, StandardError = null };

    /// <summary>The coefficient table of a report.</summary>
    public static ResultGrid Table(string caption, IReadOnlyList<CoefficientEstimate> purchase, IReadOnlyList<CoefficientEstimate> dropout, string purchaseLabel, string dropoutLabel)
    {
        var grid = new ResultGrid(caption, "<process", "<covariate", "γ", "standard error", "z", "p");
        foreach (var (label, list) in new[] { (purchaseLabel, purchase), (dropoutLabel, dropout) })
        {
            foreach (var c in list)
            {
                grid.Row(label, c.Name, ResultTable.Number(c.Value, "0.0000"), ResultTable.Number(c.StandardError, "0.0000"), ResultTable.Number(c.Z, "0.00"), c.PValue is { } p ? ResultTable.PValue(p) : "—");
            }
        }

        return grid;
    }

    /// <summary>The likelihood-ratio table of a report.</summary>
    public static ResultTable Test(ChiSquareResult? test, double? withoutCovariates) => new ResultTable("Likelihood-ratio test against the model without covariates")
        .Row("log-likelihood without covariates", ResultTable.Number(withoutCovariates, "0.0000"))
        .Row("χ² = 2·ΔLL", test is null ? "—" : ResultTable.Number(test.Statistic, "0.000"))
        .Row("degrees of freedom", test is null ? "—" : test.DegreesOfFreedom.ToString(CultureInfo.InvariantCulture))
        .Row("p (upper tail)", test is null ? "—" : ResultTable.PValue(test.PValue));
}
