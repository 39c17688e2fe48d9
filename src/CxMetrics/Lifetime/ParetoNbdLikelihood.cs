using MathNet.Numerics;

namespace CxMetrics.Lifetime;

/// <summary>
/// The Pareto/NBD log-likelihood over log-parameters (ln r, ln α, ln s, ln β), in log space with a stable ₂F₁.
/// </summary>
/// <remarks>
/// Fader &amp; Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions", eq. (22):
/// L = Γ(r + x)αʳβˢ/Γ(r) · { 1/((α + T)^(r+x)(β + T)ˢ) + s/(r + s + x) · A₀ }, where for α ≥ β
/// A₀ = ₂F₁(r + s + x, s + 1; r + s + x + 1; (α − β)/(α + t_x))/(α + t_x)^(r+s+x) − (the same with T), and for α &lt; β the
/// roles swap: ₂F₁(r + s + x, r + x; r + s + x + 1; (β − α)/(β + t_x))/(β + t_x)^(r+s+x) − (the same with T).
/// Both ₂F₁ have c = a + 1 and are summed through Euler's transformation as positive series; the difference is formed as
/// e^(L₁)(1 − e^(L₂−L₁)) in logs, and the two terms of L are combined by log-sum-exp.
/// </remarks>
internal sealed class ParetoNbdLikelihood
{
    private readonly double[] x;
    private readonly double[] tx;
    private readonly double[] t;
    private readonly double[] w;
    private readonly double totalWeight;

    public ParetoNbdLikelihood(RfmData data)
    {
        x = data.Frequency.ToArray();
        tx = data.Recency.ToArray();
        t = data.Age.ToArray();
        w = data.Weight.ToArray();
        totalWeight = data.TotalWeight;
    }

    /// <summary>−LL/W (value only; the driver differentiates numerically).</summary>
    public double Evaluate(ReadOnlySpan<double> logParameters, Span<double> gradient)
    {
        double r = Math.Exp(logParameters[0]), alpha = Math.Exp(logParameters[1]), s = Math.Exp(logParameters[2]), beta = Math.Exp(logParameters[3]);
        double lnGammaR = SpecialFunctions.GammaLn(r);
        double constant = (r * Math.Log(alpha)) + (s * Math.Log(beta)) - lnGammaR;
        double ll = 0;
        double lastX = double.NaN, lnGammaRx = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double xi = x[i];
            if (xi != lastX)
            {
                lnGammaRx = SpecialFunctions.GammaLn(r + xi);
                lastX = xi;
            }

            ll += w[i] * (lnGammaRx + constant + LogBracket(r, alpha, s, beta, xi, tx[i], t[i], out _));
        }

        return -ll / totalWeight;
    }

    /// <summary>One customer's log-likelihood.</summary>
    public static double Individual(double r, double alpha, double s, double beta, double x, double tx, double t) =>
        SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) + (r * Math.Log(alpha)) + (s * Math.Log(beta))
        + LogBracket(r, alpha, s, beta, x, tx, t, out _);

    /// <summary>
    /// ln{ 1/((α+T)^(r+x)(β+T)^s) + s/(r+s+x)·A₀ }, and the log-odds ln(second/first) of dying before T (for P(alive)).
    /// </summary>
    public static double LogBracket(double r, double alpha, double s, double beta, double x, double tx, double t, out double logOddsDead)
    {
        double rsx = r + s + x;
        double first = (-(r + x) * Math.Log(alpha + t)) - (s * Math.Log(beta + t));
        double l1, l2;
        if (alpha >= beta)
        {
            l1 = Hypergeometric.Log2F1APlusOne(rsx, s + 1, (alpha - beta) / (alpha + tx)) - (rsx * Math.Log(alpha + tx));
            l2 = Hypergeometric.Log2F1APlusOne(rsx, s + 1, (alpha - beta) / (alpha + t)) - (rsx * Math.Log(alpha + t));
        }
        else
        {
            l1 = Hypergeometric.Log2F1APlusOne(rsx, r + x, (beta - alpha) / (beta + tx)) - (rsx * Math.Log(beta + tx));
            l2 = Hypergeometric.Log2F1APlusOne(rsx, r + x, (beta - alpha) / (beta + t)) - (rsx * Math.Log(beta + t));
        }

        if (!(l2 < l1))
        {
            logOddsDead = double.NegativeInfinity;
            return first;
        }

        double second = Math.Log(s / rsx) + l1 + Math.Log(-Internal.LogMath.Expm1(l2 - l1));
        logOddsDead = second - first;
        return second > first ? second + Internal.LogMath.Log1p(Math.Exp(first - second)) : first + Internal.LogMath.Log1p(Math.Exp(second - first));
    }
}
