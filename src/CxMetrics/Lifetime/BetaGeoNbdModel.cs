using CxMetrics.Internal;
using CxMetrics.Statistics;
using MathNet.Numerics;

namespace CxMetrics.Lifetime;

/// <summary>
/// A fitted BG/NBD model (the MBG/NBD variant is <see cref="ModifiedBetaGeoNbdModel"/>): its parameters with standard errors, the fit's
/// diagnostics, and the model's predictions. Times are in the time unit of the data it was fitted on.
/// </summary>
/// <remarks>
/// Prediction formulas: Fader, Hardie &amp; Lee (2005) eqs. 7–10 and their note "Computing P(alive) using the BG/NBD
/// model" (2008); for MBG/NBD, Batislam et al. (2007) as implemented by lifetimes' <c>ModifiedBetaGeoFitter</c>. The
/// Gauss hypergeometric function is evaluated in log space. Predictions throw when the fit did not converge.
/// </remarks>
[TypeFormatterSource(typeof(NotebookFormatterSource))]
public sealed record BetaGeoNbdModel : IPurchaseModel, Reporting.IReportable
{
    /// <summary>Shape r of the gamma distribution of purchase rates, with its standard error.</summary>
    public required ParameterEstimate R { get; init; }

    /// <summary>Rate α of the gamma distribution of purchase rates (in the data's time unit), with its standard error.</summary>
    public required ParameterEstimate Alpha { get; init; }

    /// <summary>Beta parameter a of the dropout probability, with its standard error.</summary>
    public required ParameterEstimate A { get; init; }

    /// <summary>Beta parameter b of the dropout probability, with its standard error.</summary>
    public required ParameterEstimate B { get; init; }

    /// <summary>Whether these are the MBG/NBD formulas (dropout possible at time 0), for <see cref="ModifiedBetaGeoNbdModel"/>.</summary>
    internal bool IsModified { get; init; }

    /// <summary>The options of the fit (a regularised fit's prior), for refits and the Hessian of the interval calculators.</summary>
    internal FitOptions FitOptions { get; init; } = FitOptions.Default;


    /// <inheritdoc/>
    public required FitDiagnostics Diagnostics { get; init; }

    private double Shift => IsModified ? 1 : 0;

    /// <inheritdoc/>
    /// <remarks>BG/NBD: 1 when x = 0; otherwise 1/(1 + a/(b + x − 1)·((α + T)/(α + t_x))^(r+x)).</remarks>
    public double ProbabilityAlive(double frequency, double recency, double age)
    {
        EnsureUsable();
        return Alive(frequency, recency, age);
    }

    /// <summary>P(alive) for every customer of <paramref name="customers"/>.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="destination">One value per row.</param>
    /// <exception cref="ArgumentException">The destination is too short.</exception>
    public void ProbabilityAlive(RfmData customers, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(customers);
        EnsureUsable();
        CheckDestination(customers, destination);
        var x = customers.Frequency;
        var tx = customers.Recency;
        var t = customers.Age;
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = Alive(x[i], tx[i], t[i]);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Fader, Hardie &amp; Lee (2005) eq. 7: (a + b − 1)/(a − 1)·[1 − (α/(α + t))ʳ ₂F₁(r, b; a + b − 1; t/(α + t))].</remarks>
    public double ExpectedPurchases(double t)
    {
        EnsureUsable();
        CheckHorizon(t);
        return IfAlive(t, 0, 0) * Alive(0, 0, 0);
    }

    /// <inheritdoc/>
    /// <remarks>Fader, Hardie &amp; Lee (2005) eq. 10.</remarks>
    public double ConditionalExpectedPurchases(double t, double frequency, double recency, double age)
    {
        EnsureUsable();
        CheckHorizon(t);
        return IfAlive(t, frequency, age) * Alive(frequency, recency, age);
    }

    /// <summary>
    /// Expected purchases in (T, T + t] for every customer; the hypergeometric part depends only on (x, T) and is computed
    /// once per distinct pair.
    /// </summary>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <param name="customers">The customers.</param>
    /// <param name="destination">One value per row.</param>
    public void ConditionalExpectedPurchases(double t, RfmData customers, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(customers);
        EnsureUsable();
        CheckHorizon(t);
        CheckDestination(customers, destination);
        var x = customers.Frequency;
        var tx = customers.Recency;
        var age = customers.Age;
        var cache = new Dictionary<(double, double), double>();
        for (int i = 0; i < x.Length; i++)
        {
            var key = (x[i], age[i]);
            if (!cache.TryGetValue(key, out double g))
            {
                g = IfAlive(t, x[i], age[i]);
                cache.Add(key, g);
            }

            destination[i] = g * Alive(x[i], tx[i], age[i]);
        }
    }

    /// <summary>
    /// P(X(t) = n): the probability that a customer just acquired makes exactly <paramref name="n"/> repeat purchases in
    /// (0, t] (Fader, Hardie &amp; Lee 2005, eq. 8; the MBG/NBD analogue with the dropout coin at time 0).
    /// </summary>
    /// <param name="n">Number of purchases ≥ 0.</param>
    /// <param name="t">Horizon ≥ 0.</param>
    /// <returns>The probability.</returns>
    public double ProbabilityOfPurchases(int n, double t)
    {
        EnsureUsable();
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        CheckHorizon(t);
        double s = Shift;
        double lnBeta = SpecialFunctions.BetaLn(A.Value, B.Value);
        double p = t / (Alpha.Value + t);
        double lnNb = SpecialFunctions.GammaLn(R.Value + n) - SpecialFunctions.GammaLn(R.Value) - SpecialFunctions.GammaLn(n + 1)
            + (R.Value * Math.Log(Alpha.Value / (Alpha.Value + t))) + (n > 0 ? n * Math.Log(p) : 0);
        double first = Math.Exp(SpecialFunctions.BetaLn(A.Value, B.Value + n + s) - lnBeta + lnNb);
        double second = 0;
        if (n > 0 || IsModified)
        {
            double tail = n == 0 ? 1 : (t == 0 ? 0 : SpecialFunctions.BetaRegularized(n, R.Value, p));
            second = Math.Exp(SpecialFunctions.BetaLn(A.Value + 1, B.Value + n - 1 + s) - lnBeta) * tail;
        }

        return Math.Clamp(first + second, 0, 1);
    }

    /// <summary>
    /// DERT, the discounted expected residual transactions in the sense of CLVTools and Fader, Hardie &amp; Lee (2005, JMR):
    /// the expected number of purchases after T, each discounted continuously at rate δ per time unit, over an unbounded
    /// horizon. Multiply by expected spend per transaction (and margin) for the residual CLV. This is <em>not</em> the
    /// discrete monthly discounting of lifetimes (see <see cref="DiscountedClv"/>). CLVTools reports DERT only for its
    /// Pareto/NBD-type models; this applies the same definition to BG/NBD and MBG/NBD.
    /// </summary>
    /// <remarks>
    /// Derivation (ours, from the model's assumptions in Fader, Hardie &amp; Lee 2005, Marketing Science 24(2)): given the
    /// customer is alive at T with purchase rate λ and dropout probability p, the k-th future purchase happens at a
    /// Gamma(k, λ) time and only if the k − 1 coins before it came up "stay", so its discounted expectation is
    /// (1 − p)^(k−1)(λ/(λ + δ))^k; summed over k that is λ/(δ + pλ) = ∫₀^∞ e^(−δt) λe^(−pλt) dt. Given alive, λ and p are
    /// independent with posteriors Gamma(r + x, α + T) and Beta(a, b + x) (b + x + 1 for MBG/NBD), and
    /// E[λe^(−pλt)] = (r + x)/(α + T)·(1 + pt/(α + T))^(−(r+x+1)), so
    /// DERT = P(alive)·(r + x)/(α + T)·E_p[∫₀^∞ e^(−δt)(1 + pt/(α + T))^(−(r+x+1)) dt].
    /// Both integrals are taken with the double-exponential rule (the time integral after v = e^(−δt); the p integral split
    /// at multiples of the posterior mean a/(a + b + x)). It equals
    /// ∫₀^∞ e^(−δt) dE[Y(t) | x, t_x, T] (checked against the discounted increments of eq. 10 in the tests).
    /// </remarks>
    /// <param name="continuousDiscountRate">δ &gt; 0 per time unit, e.g. ln(1.15)/52 for 15% a year in weeks
    /// (<see cref="DiscountedClv.ContinuousRate"/>).</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x.</param>
    /// <param name="age">T.</param>
    /// <returns>DERT in transactions.</returns>
    /// <exception cref="ArgumentOutOfRangeException">δ is not finite and positive.</exception>
    public double DiscountedExpectedResidualTransactions(double continuousDiscountRate, double frequency, double recency, double age)
    {
        EnsureUsable();
        DiscountedClv.CheckContinuousRate(continuousDiscountRate);
        double delta = continuousDiscountRate;
        double shape = R.Value + frequency, rate = Alpha.Value + age, bPost = B.Value + frequency + Shift;
        double logBeta = LogMath.BetaLn(A.Value, bPost); // MathNet's BetaLn loses ~1e−6 to cancellation once b + x passes 1e9
        double Integrand(double p)
        {
            if (!(p > 0 && p < 1))
            {
                return 0;
            }

            double density = Math.Exp(((A.Value - 1) * Math.Log(p)) + ((bPost - 1) * LogMath.Log1p(-p)) - logBeta);
            if (density == 0)
            {
                return 0;
            }

            double c = p / (delta * rate);
            double inner = Integrate.DoubleExponential(
                v => v <= 0 ? 0 : Math.Exp(-(shape + 1) * LogMath.Log1p(-c * Math.Log(v))),
                0,
                1,
                1e-11);
            return density * inner;
        }

        // The posterior of p concentrates near 0 when b + x is large (heavy buyers), so the p-integral is split at
        // multiples of its mean, each piece with its own double-exponential rule.
        double mean = A.Value / (A.Value + bPost), outer = 0, from = 0;
        foreach (double multiple in (ReadOnlySpan<double>)[1, 4, 20, 100])
        {
            double to = mean * multiple;
            if (to >= 1)
            {
                break;
            }

            outer += Integrate.DoubleExponential(Integrand, from, to, 1e-12);
            from = to;
        }

        outer += Integrate.DoubleExponential(Integrand, from, 1, 1e-12);
        return Alive(frequency, recency, age) * shape / rate * outer / delta;
    }

    /// <summary>Formats the parameters and fit.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{(IsModified ? "MBG/NBD" : "BG/NBD")}: {string.Join(", ", R, Alpha, A, B)}; {Diagnostics}";

    internal static BetaGeoNbdModel From(MaximumLikelihood.Outcome outcome, bool modified)
    {
        return new BetaGeoNbdModel
        {
            R = outcome.Estimate(0, "r"),
            Alpha = outcome.Estimate(1, "alpha"),
            A = outcome.Estimate(2, "a"),
            B = outcome.Estimate(3, "b"),
            IsModified = modified,
            Diagnostics = outcome.Diagnostics,
        };
    }

    internal static BetaGeoNbdModel Empty(bool modified) => new()
    {
        R = new ParameterEstimate { Name = "r", Value = 0, StandardError = null },
        Alpha = new ParameterEstimate { Name = "alpha", Value = 0, StandardError = null },
        A = new ParameterEstimate { Name = "a", Value = 0, StandardError = null },
        B = new ParameterEstimate { Name = "b", Value = 0, StandardError = null },
        IsModified = modified,
        Diagnostics = MaximumLikelihood.NoData("no customers to fit."),
    };

    internal static void CheckDestination(RfmData customers, Span<double> destination)
    {
        if (destination.Length < customers.Count)
        {
            throw new ArgumentException($"the destination holds {destination.Length} values but there are {customers.Count} customers.", nameof(destination));
        }
    }

    internal static void CheckHorizon(double t)
    {
        if (!(t >= 0) || double.IsInfinity(t))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, $"the horizon t = {t} must be finite and ≥ 0.");
        }
    }

    internal void EnsureUsable()
    {
        if (!Diagnostics.IsConverged)
        {
            throw new InvalidOperationException($"the {(IsModified ? "MBG/NBD" : "BG/NBD")} fit did not converge ({Diagnostics.Status}: {Diagnostics.Message}); its parameters are not used for predictions.");
        }
    }

    private double Alive(double x, double tx, double t)
    {
        if (x == 0 && !IsModified)
        {
            return 1;
        }

        double log = Math.Log(A.Value) - Math.Log(B.Value + x - 1 + Shift) + ((R.Value + x) * (Math.Log(Alpha.Value + t) - Math.Log(Alpha.Value + tx)));
        return log > 0 ? Math.Exp(-log) / (1 + Math.Exp(-log)) : 1 / (1 + Math.Exp(log));
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] / P(alive | x, t_x, T): the expected purchases of a customer known to be alive, which depends on
    /// (x, T) only — FHL eq. 10 without its P(alive) factor, (c/(a − 1))·[1 − q·₂F₁(r + x, b + x; c; z)] with
    /// c = a + b + x − 1, q = ((α + T)/(α + T + t))^(r+x), z = t/(α + T + t) (MBG/NBD: b + x + 1 and c + 1), clamped at 0.
    /// The interval calculators evaluate it once per distinct (x, T) and draw.
    /// </summary>
    /// <remarks>
    /// For c ≥ 1 the ₂F₁ series has positive terms and is summed in logs. For c &lt; 1 — only x = 0 under BG/NBD when
    /// a + b &lt; 2 — ₂F₁'s terms change sign once c &lt; 0 (and are infinite at c = 0, a + b = 1), so the same value is
    /// written as [c(1 − q) − q·P]/(a − 1) with P = c·(₂F₁ − 1) = Σ_{n≥1} (r)ₙ(b)ₙ/((c + 1)ₙ₋₁ n!) zⁿ, a series of positive
    /// terms for every c &gt; −1 (<see cref="Hypergeometric.LogScaledTail"/>); at c ≤ 0 also a &lt; 1, and the two parts of
    /// the numerator have the same sign, so nothing cancels. (Used to be NaN for a + b &lt; 1.)
    /// </remarks>
    internal double ExpectedPurchasesIfAlive(double t, double x, double age) => IfAlive(t, x, age);

    private double IfAlive(double t, double x, double age)
    {
        if (t == 0)
        {
            return 0;
        }

        double a = Math.Abs(A.Value - 1) < 1e-9 ? 1 + 1e-9 : A.Value;
        double shape = R.Value + x, b = B.Value + x + Shift, c = a + b - 1;
        double logQ = shape * (Math.Log(Alpha.Value + age) - Math.Log(Alpha.Value + age + t));
        double z = t / (Alpha.Value + age + t), oneMinusZ = (Alpha.Value + age) / (Alpha.Value + age + t);
        double value = c >= 1
            ? c / (a - 1) * -LogMath.Expm1(logQ + Hypergeometric.Log2F1(shape, b, c, z, oneMinusZ))
            : ((c * -LogMath.Expm1(logQ)) - Math.Exp(logQ + Hypergeometric.LogScaledTail(shape, b, c, z, oneMinusZ))) / (a - 1);
        return Math.Max(value, 0);
    }

    /// <summary>The description of this result: its titled tables and notes, for the Markdown, HTML, text and JSON writers of <see cref="Reporting.Report"/>.</summary>
    /// <returns>The report.</returns>
    public Reporting.Report ToReport() => Reporting.Report.Of(Parameters(), Fit());

    private ResultGrid Parameters() => FitTables.Parameters(IsModified ? "MBG/NBD parameters" : "BG/NBD parameters", Diagnostics, R, Alpha, A, B);

    private ResultTable Fit() => FitTables.Diagnostics(Diagnostics);
}
