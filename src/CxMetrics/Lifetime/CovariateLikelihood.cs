using System.Globalization;

namespace CxMetrics.Lifetime;

/// <summary>
/// One customer's log-likelihood ℓ(θ₀, θ₁, θ₂, θ₃ | x, t_x, T) of a purchase model at that customer's own parameters,
/// with its partial derivatives with respect to the four natural parameters written to <paramref name="gradient"/>
/// (when not empty).
/// </summary>
internal delegate double CovariateRowLikelihood(double p0, double p1, double p2, double p3, double x, double tx, double t, Span<double> gradient);

/// <summary>
/// The log-likelihood of a four-parameter purchase model (BG/NBD: r, α, a, b; Pareto/NBD: r, α, s, β) with
/// time-invariant covariates, over (ln θ₀…ln θ₃, γ_purchase, γ_dropout), with its analytic gradient.
/// </summary>
/// <remarks>
/// <para>Customer i has its own α_i = α·exp(−γ_pᵀz_i) (purchase covariates) and its dropout parameters scaled by
/// exp(±γ_dᵀw_i) (dropout covariates): Fader &amp; Hardie (2007), "Incorporating time-invariant covariates into the
/// Pareto/NBD and BG/NBD models", as implemented by CLVTools (<c>pnbd_staticcov_LL_ind</c>: β_i = β·exp(−γᵀw_i);
/// <c>bgnbd_staticcov_LL_ind</c>: a_i = a·exp(γᵀw_i) and b_i = b·exp(γᵀw_i)). By the chain rule
/// ∂ℓ/∂γ_p,j = −z_ij·α_i ∂ℓ/∂α_i and ∂ℓ/∂γ_d,j = ±w_ij·Σ_k θ_k,i ∂ℓ/∂θ_k,i over the scaled dropout parameters.</para>
/// <para>Rows are compressed by (x, t_x, T, z, w): customers with the same history and attributes (categorical
/// covariates) are evaluated once, with a weight. Each column is divided by its root mean square before the fit, so
/// the optimiser works with coefficients of order one whatever the unit of the attribute; the fitted coefficients are
/// divided back (<see cref="Scale"/>). Rows are cut into fixed blocks whose partial sums are added in block order, so
/// the value does not depend on the number of cores.</para>
/// </remarks>
internal sealed class CovariateLikelihood
{
    private const int BlockRows = 4096;
    private const int ParallelRows = 8 * BlockRows;

    private readonly double[] x;
    private readonly double[] tx;
    private readonly double[] t;
    private readonly double[] w;
    private readonly double[] zp;
    private readonly double[] zd;
    private readonly int kp;
    private readonly int kd;
    private readonly CovariateRowLikelihood row;
    private readonly bool dropoutOnThird;
    private readonly double dropoutSign;
    private readonly double[] partial;

    /// <summary>Builds the likelihood.</summary>
    /// <param name="data">The customers (rows may carry weights).</param>
    /// <param name="purchase">Covariates of the purchase rate, aligned with the rows.</param>
    /// <param name="dropout">Covariates of the dropout process, aligned with the rows.</param>
    /// <param name="row">The model's one-customer likelihood.</param>
    /// <param name="dropoutOnThird">Whether the dropout covariates scale θ₂ as well as θ₃ (BG/NBD's a and b) or θ₃ only (Pareto/NBD's β).</param>
    /// <param name="dropoutSign">+1 for θ·exp(γᵀw) (BG/NBD), −1 for θ·exp(−γᵀw) (Pareto/NBD).</param>
    /// <exception cref="ArgumentException">A table is not aligned with the rows, or a column is constant.</exception>
    public CovariateLikelihood(RfmData data, CustomerCovariates purchase, CustomerCovariates dropout, CovariateRowLikelihood row, bool dropoutOnThird, double dropoutSign)
    {
        int n = data.Count;
        Check(purchase, n, nameof(purchase));
        Check(dropout, n, nameof(dropout));
        this.row = row;
        this.dropoutOnThird = dropoutOnThird;
        this.dropoutSign = dropoutSign;
        kp = purchase.Names.Count;
        kd = dropout.Names.Count;
        int k = kp + kd;
        var weight = data.Weight;
        Scale = new double[k];
        for (int j = 0; j < k; j++)
        {
            var column = j < kp ? purchase.Column(j) : dropout.Column(j - kp);
            double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                sum += weight[i] * column[i] * column[i];
                min = Math.Min(min, column[i]);
                max = Math.Max(max, column[i]);
            }

            if (!(max > min))
            {
                string name = j < kp ? purchase.Names[j] : dropout.Names[j - kp];
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"covariate '{name}' is {min} for every customer: a constant column repeats the model's base rate and its coefficient is not identified; leave it out."),
                    j < kp ? nameof(purchase) : nameof(dropout));
            }

            Scale[j] = Math.Sqrt(sum / data.TotalWeight);
        }

        // Compress rows with the same (x, t_x, T, z, w).
        var index = new Dictionary<RowKey, int>();
        var keys = new List<double[]>();
        var weights = new List<double>();
        var frequency = data.Frequency;
        var recency = data.Recency;
        var age = data.Age;
        for (int i = 0; i < n; i++)
        {
            var key = new double[3 + k];
            key[0] = frequency[i];
            key[1] = recency[i];
            key[2] = age[i];
            for (int j = 0; j < kp; j++)
            {
                key[3 + j] = purchase[i, j] / Scale[j];
            }

            for (int j = 0; j < kd; j++)
            {
                key[3 + kp + j] = dropout[i, j] / Scale[kp + j];
            }

            if (index.TryGetValue(new RowKey(key), out int at))
            {
                weights[at] += weight[i];
            }
            else
            {
                index.Add(new RowKey(key), keys.Count);
                keys.Add(key);
                weights.Add(weight[i]);
            }
        }

        Rows = keys.Count;
        TotalWeight = data.TotalWeight;
        x = new double[Rows];
        tx = new double[Rows];
        t = new double[Rows];
        w = [.. weights];
        zp = new double[Rows * kp];
        zd = new double[Rows * kd];
        for (int i = 0; i < Rows; i++)
        {
            var key = keys[i];
            x[i] = key[0];
            tx[i] = key[1];
            t[i] = key[2];
            key.AsSpan(3, kp).CopyTo(zp.AsSpan(i * kp, kp));
            key.AsSpan(3 + kp, kd).CopyTo(zd.AsSpan(i * kd, kd));
        }

        partial = new double[((Rows + BlockRows - 1) / BlockRows) * (1 + 4 + k)];
    }

    /// <summary>Distinct rows after compression.</summary>
    public int Rows { get; }

    /// <summary>Customers (sum of the weights).</summary>
    public double TotalWeight { get; }

    /// <summary>The root mean square of each covariate column (purchase columns first): the fit's coefficient for column j is γ_j·Scale[j].</summary>
    public double[] Scale { get; }

    /// <summary>Parameters: 4 + purchase covariates + dropout covariates.</summary>
    public int ParameterCount => 4 + kp + kd;

    /// <summary>−LL/W and its gradient over (ln θ₀…ln θ₃, scaled γ_p, scaled γ_d); NaN when a customer's likelihood is not finite.</summary>
    public double Evaluate(ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        int size = ParameterCount;
        var theta = new double[size];
        for (int j = 0; j < size; j++)
        {
            theta[j] = j < 4 ? Math.Exp(parameters[j]) : parameters[j];
        }

        bool wantGradient = !gradient.IsEmpty;
        int blocks = (Rows + BlockRows - 1) / BlockRows;
        int stride = 1 + size;
        if (Rows >= ParallelRows && Environment.ProcessorCount > 1)
        {
            Parallel.For(0, blocks, b => Block(b, theta, wantGradient, stride));
        }
        else
        {
            for (int b = 0; b < blocks; b++)
            {
                Block(b, theta, wantGradient, stride);
            }
        }

        double ll = 0;
        if (wantGradient)
        {
            gradient[..size].Clear();
        }

        for (int b = 0; b < blocks; b++)
        {
            ll += partial[b * stride];
            if (wantGradient)
            {
                for (int j = 0; j < size; j++)
                {
                    gradient[j] -= partial[(b * stride) + 1 + j] / TotalWeight;
                }
            }
        }

        return double.IsFinite(ll) ? -ll / TotalWeight : double.NaN;
    }

    /// <summary>The per-customer parameters (θ₀, α_i, θ₂_i, θ₃_i) of a customer with the given (unscaled) covariates.</summary>
    internal static (double P1, double P2, double P3) Individual(double alpha, double p2, double p3, ReadOnlySpan<double> purchaseCoefficients, ReadOnlySpan<double> purchase, ReadOnlySpan<double> dropoutCoefficients, ReadOnlySpan<double> dropout, bool dropoutOnThird, double dropoutSign)
    {
        double ep = 0, ed = 0;
        for (int j = 0; j < purchase.Length; j++)
        {
            ep += purchaseCoefficients[j] * purchase[j];
        }

        for (int j = 0; j < dropout.Length; j++)
        {
            ed += dropoutCoefficients[j] * dropout[j];
        }

        double factor = Math.Exp(dropoutSign * ed);
        return (alpha * Math.Exp(-ep), dropoutOnThird ? p2 * factor : p2, p3 * factor);
    }

    private void Block(int b, double[] theta, bool wantGradient, int stride)
    {
        var sums = partial.AsSpan(b * stride, stride);
        sums.Clear();
        Span<double> g = stackalloc double[4];
        int end = Math.Min(Rows, (b + 1) * BlockRows);
        for (int i = b * BlockRows; i < end; i++)
        {
            double ep = 0, ed = 0;
            for (int j = 0; j < kp; j++)
            {
                ep += theta[4 + j] * zp[(i * kp) + j];
            }

            for (int j = 0; j < kd; j++)
            {
                ed += theta[4 + kp + j] * zd[(i * kd) + j];
            }

            double factor = Math.Exp(dropoutSign * ed);
            double alpha = theta[1] * Math.Exp(-ep);
            double p2 = dropoutOnThird ? theta[2] * factor : theta[2];
            double p3 = theta[3] * factor;
            double wi = w[i];
            double value = row(theta[0], alpha, p2, p3, x[i], tx[i], t[i], wantGradient ? g : default);
            sums[0] += wi * value;
            if (!wantGradient)
            {
                continue;
            }

            // Gradient in log-parameters of the customer's own parameters, then the chain rule to (ln θ, γ).
            double l0 = theta[0] * g[0], l1 = alpha * g[1], l2 = p2 * g[2], l3 = p3 * g[3];
            sums[1] += wi * l0;
            sums[2] += wi * l1;
            sums[3] += wi * l2;
            sums[4] += wi * l3;
            double dropoutLog = dropoutSign * (l3 + (dropoutOnThird ? l2 : 0));
            for (int j = 0; j < kp; j++)
            {
                sums[5 + j] -= wi * zp[(i * kp) + j] * l1;
            }

            for (int j = 0; j < kd; j++)
            {
                sums[5 + kp + j] += wi * zd[(i * kd) + j] * dropoutLog;
            }
        }
    }

    private static void Check(CustomerCovariates covariates, int rows, string name)
    {
        ArgumentNullException.ThrowIfNull(covariates, name);
        if (covariates.Customers != rows)
        {
            throw new ArgumentException($"the {name} covariates have {covariates.Customers} customers but the data have {rows} rows; the tables must be aligned with the data's customers.", name);
        }
    }

    /// <summary>A row of (x, t_x, T, covariates) compared by value.</summary>
    private readonly struct RowKey(double[] values) : IEquatable<RowKey>
    {
        private readonly double[] values = values;

        public bool Equals(RowKey other) => values.AsSpan().SequenceEqual(other.values);

        public override bool Equals(object? obj) => obj is RowKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = default(HashCode);
            foreach (double v in values)
            {
                hash.Add(v);
            }

            return hash.ToHashCode();
        }
    }
}
