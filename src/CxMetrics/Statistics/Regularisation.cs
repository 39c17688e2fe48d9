using System.Globalization;

namespace CxMetrics.Statistics;

/// <summary>
/// Regularised (maximum a posteriori) fits on the one engine: when <see cref="FitOptions.PriorScale"/> is set, each
/// log-parameter gets an independent normal prior ln θᵢ ~ N(ln θᵢ⁰, σ²) centred on the model's documented start θ⁰, and
/// the engine minimises −(LL + Σᵢ ln pᵢ)/W: the objective it is given plus Σᵢ (ln θᵢ − ln θᵢ⁰)²/(2σ²W), with gradient
/// (ln θᵢ − ln θᵢ⁰)/(σ²W). The engine itself is unchanged; the prior is a term added to the objective it is passed.
/// Parameters the engine optimises on their own scale (regression coefficients γ beyond <c>positiveCount</c>, e.g.
/// covariate effects) get the normal prior γ ~ N(γ⁰, σ²) on that scale, centred on their start (0: no effect).
/// </summary>
internal static class Regularisation
{
    /// <summary>The objective of the fit: <paramref name="raw"/> itself for maximum likelihood, plus the prior's term for MAP.</summary>
    /// <param name="raw">−LL/W over log-parameters.</param>
    /// <param name="options">The fit's options.</param>
    /// <param name="centre">θ⁰ on the natural scale.</param>
    /// <param name="totalWeight">W.</param>
    /// <param name="positiveCount">How many leading parameters are optimised as logarithms (all when negative).</param>
    /// <returns>The objective.</returns>
    public static NegativeLogLikelihood Objective(NegativeLogLikelihood raw, FitOptions options, double[] centre, double totalWeight, int positiveCount = -1)
    {
        if (options.PriorScale is not { } sigma)
        {
            return raw;
        }

        var logCentre = new double[centre.Length];
        for (int i = 0; i < centre.Length; i++)
        {
            logCentre[i] = positiveCount < 0 || i < positiveCount ? Math.Log(centre[i]) : centre[i];
        }

        double scale = 1 / (sigma * sigma * totalWeight);
        return (logParameters, gradient) =>
        {
            double value = raw(logParameters, gradient);
            double penalty = 0;
            for (int i = 0; i < logParameters.Length; i++)
            {
                double d = logParameters[i] - logCentre[i];
                penalty += d * d;
                if (!gradient.IsEmpty)
                {
                    gradient[i] += d * scale;
                }
            }

            return value + (0.5 * penalty * scale);
        };
    }

    /// <summary>The Hessian of <see cref="Objective"/>: <paramref name="raw"/>'s plus the prior's 1/(σ²W) on the diagonal.</summary>
    /// <param name="raw">The Hessian of −LL/W over log-parameters, or <see langword="null"/>.</param>
    /// <param name="options">The fit's options.</param>
    /// <param name="totalWeight">W.</param>
    /// <returns>The Hessian of the objective, or <see langword="null"/> when <paramref name="raw"/> is.</returns>
    public static NewtonPolish.ObjectiveHessian? Hessian(NewtonPolish.ObjectiveHessian? raw, FitOptions options, double totalWeight)
    {
        if (raw is null || options.PriorScale is not { } sigma)
        {
            return raw;
        }

        double scale = 1 / (sigma * sigma * totalWeight);
        return (logParameters, hessian) =>
        {
            if (!raw(logParameters, hessian))
            {
                return false;
            }

            int k = logParameters.Length;
            for (int i = 0; i < k; i++)
            {
                hessian[(i * k) + i] += scale;
            }

            return true;
        };
    }

    /// <summary>
    /// Fits on the engine (<see cref="MaximumLikelihood.Fit"/>), with the prior's term when <see cref="FitOptions.PriorScale"/>
    /// is set; a regularised fit reports the log-likelihood (without the prior) at the MAP estimate, its method prefixed
    /// with "MAP" and a message that says it is regularised. Its standard errors are the Laplace approximation's
    /// (from the Hessian of the log-posterior).
    /// </summary>
    public static MaximumLikelihood.Outcome Fit(NegativeLogLikelihood raw, bool analyticGradient, double[] start, double customers, int rows, FitOptions? options = null, bool simplexFirst = false, double[]? priorCentre = null, int positiveCount = -1, NewtonPolish.ObjectiveHessian? hessian = null, bool warmStart = false)
    {
        options ??= FitOptions.Default;
        var objective = Objective(raw, options, priorCentre ?? start, customers, positiveCount);
        var outcome = MaximumLikelihood.Fit(objective, analyticGradient, start, customers, rows, options, simplexFirst, positiveCount, Hessian(hessian, options, customers), warmStart);
        if (options.PriorScale is not { } sigma || outcome.Diagnostics.Status == FitStatus.NoData)
        {
            return outcome;
        }

        var logParameters = new double[outcome.Parameters.Length];
        for (int i = 0; i < logParameters.Length; i++)
        {
            logParameters[i] = positiveCount < 0 || i < positiveCount ? Math.Log(outcome.Parameters[i]) : outcome.Parameters[i];
        }

        double value = raw(logParameters, default);
        string note = string.Create(CultureInfo.InvariantCulture,
            $"regularised: maximum a posteriori with normal priors on the log-parameters (σ = {sigma:G3}) centred on the start; LL is the log-likelihood at the MAP estimate and the standard errors are the posterior's (Laplace)");
        return outcome with
        {
            Diagnostics = outcome.Diagnostics with
            {
                LogLikelihood = double.IsFinite(value) ? -value * customers : outcome.Diagnostics.LogLikelihood,
                Method = "MAP: " + outcome.Diagnostics.Method,
                Message = outcome.Diagnostics.Message is null ? note : note + "; " + outcome.Diagnostics.Message,
            },
        };
    }
}
