namespace CxMetrics.Retention;

/// <summary>
/// The covariates of a Cox regression, one column per term, each as long as the observations: numeric columns enter the
/// model as they are; a categorical column with a named reference level enters as one 0/1 indicator per other level
/// (treatment coding, R's default <c>contr.treatment</c>), its coefficient named <c>term=level</c> and read against the
/// reference; strata split the baseline hazard (R's <c>strata(...)</c>: each stratum its own baseline, the coefficients
/// shared). Immutable: every <c>With…</c> returns a new design.
/// </summary>
/// <example>
/// <code>
/// var design = new CoxDesign()
///     .WithNumeric("age", ages)
///     .WithCategorical("plan", plans, reference: "basic")
///     .WithStrata("region", regions);
/// var model = CoxRegression.Fit(observations, design);
/// </code>
/// </example>
/// <remarks>A design of one row is a covariate profile, as <see cref="CoxModel.SurvivalCurve(CoxDesign)"/> takes.</remarks>
public sealed class CoxDesign
{
    private readonly CoxColumn[] columns;
    private readonly string[]? strata;

    /// <summary>Creates an empty design (no covariates: the fit is the null model, a baseline only).</summary>
    public CoxDesign()
        : this([], null, null)
    {
    }

    private CoxDesign(CoxColumn[] columns, string[]? strata, string? strataName)
    {
        this.columns = columns;
        this.strata = strata;
        StrataName = strataName;
    }

    /// <summary>Rows of every column (0 for an empty design).</summary>
    public int Rows => columns.Length > 0 ? columns[0].Length : strata?.Length ?? 0;

    /// <summary>The terms in the order added (a categorical term gives one coefficient per non-reference level).</summary>
    public IReadOnlyList<string> Terms => [.. columns.Select(c => c.Name)];

    /// <summary>The name of the strata (several <see cref="WithStrata"/> calls joined by <c>" × "</c>), or <see langword="null"/> without strata.</summary>
    public string? StrataName { get; }

    internal IReadOnlyList<CoxColumn> Columns => columns;

    internal string[]? Strata => strata;

    /// <summary>Adds a numeric covariate (its coefficient is the log hazard ratio per unit).</summary>
    /// <param name="name">The term's name, unique in the design.</param>
    /// <param name="values">One finite value per observation.</param>
    /// <returns>The design with the term.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used, the length differs from the other columns, or a value is not finite (its row named).</exception>
    public CoxDesign WithNumeric(string name, ReadOnlySpan<double> values)
    {
        CheckName(name);
        CheckLength(values.Length, nameof(values));
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"covariate '{name}' is {values[i]} in row {i}; a Cox covariate must be a finite number (drop or impute missing values first).", nameof(values));
            }
        }

        return new CoxDesign([.. columns, new CoxColumn(name, values.ToArray(), null, null)], strata, StrataName);
    }

    /// <summary>
    /// Adds a categorical covariate with a named reference level: one indicator per other level (in ordinal order of the
    /// level names), whose coefficient is the log hazard ratio of that level against the reference.
    /// </summary>
    /// <param name="name">The term's name, unique in the design.</param>
    /// <param name="values">One level per observation, not null.</param>
    /// <param name="reference">The reference level; a fit requires that it occurs in the data.</param>
    /// <returns>The design with the term.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> or <paramref name="reference"/> is null.</exception>
    /// <exception cref="ArgumentException">The name is empty or already used, the length differs from the other columns, or a level is null (its row named).</exception>
    public CoxDesign WithCategorical(string name, IReadOnlyList<string> values, string reference)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(reference);
        CheckName(name);
        CheckLength(values.Count, nameof(values));
        var copy = new string[values.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = values[i] ?? throw new ArgumentException($"covariate '{name}' has no level in row {i}.", nameof(values));
        }

        return new CoxDesign([.. columns, new CoxColumn(name, null, copy, reference)], strata, StrataName);
    }

    /// <summary>
    /// Stratifies the baseline hazard by a key (R's <c>strata(name)</c>): each stratum has its own baseline, the
    /// coefficients are shared, and only subjects of the same stratum are compared. A second call stratifies by the
    /// combination of both keys.
    /// </summary>
    /// <param name="name">The name of the stratification.</param>
    /// <param name="keys">One stratum key per observation, not null.</param>
    /// <returns>The stratified design.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> is null.</exception>
    /// <exception cref="ArgumentException">The name is empty, the length differs from the other columns, or a key is null (its row named).</exception>
    public CoxDesign WithStrata(string name, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        CheckLength(keys.Count, nameof(keys));
        var combined = new string[keys.Count];
        for (int i = 0; i < combined.Length; i++)
        {
            string key = keys[i] ?? throw new ArgumentException($"strata '{name}' have no key in row {i}.", nameof(keys));
            combined[i] = strata is null ? key : strata[i] + " × " + key;
        }

        return new CoxDesign(columns, combined, StrataName is null ? name : StrataName + " × " + name);
    }

    private void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (columns.Any(c => c.Name == name))
        {
            throw new ArgumentException($"the design already has a term '{name}'.", nameof(name));
        }
    }

    private void CheckLength(int length, string paramName)
    {
        if ((columns.Length > 0 || strata is not null) && length != Rows)
        {
            throw new ArgumentException($"{length} values given for a design of {Rows} rows.", paramName);
        }
    }
}

/// <summary>One term of a design: numeric values, or categorical levels with their reference.</summary>
internal sealed record CoxColumn(string Name, double[]? Numbers, string[]? Levels, string? Reference)
{
    public int Length => Numbers?.Length ?? Levels!.Length;
}
