using System.Globalization;

namespace CxMetrics.Lifetime;

/// <summary>
/// Time-invariant customer attributes for the purchase models with covariates (<see cref="BetaGeoNbdCovariateModel"/>,
/// <see cref="ParetoNbdCovariateModel"/>): named numeric columns with one value per customer, in the order of the
/// customers of the <see cref="RfmData"/> (or <see cref="CustomerBaseSummary.Customers"/>) they are fitted with.
/// Immutable; each <c>With…</c> returns a new table with one more column.
/// </summary>
/// <remarks>
/// A categorical attribute (acquisition channel, country) enters as dummy columns, 1 for the customers of a level and
/// 0 otherwise, one per level except the reference level (<see cref="WithCategory"/>); its coefficients then compare
/// each level with the reference. A numeric attribute (first-order value) enters as it is or transformed by the caller
/// (the logarithm of a spend is usual). A column must vary across the customers: a constant column is the model's own
/// base rate again (its coefficient is not identified), so the fit rejects it.
/// </remarks>
public sealed class CustomerCovariates
{
    private readonly string[] names;
    private readonly double[][] columns;

    private CustomerCovariates(int customers, string[] names, double[][] columns)
    {
        Customers = customers;
        this.names = names;
        this.columns = columns;
    }

    /// <summary>How many customers (rows) the table has.</summary>
    public int Customers { get; }

    /// <summary>The column names, in order; each names one coefficient of the fitted model.</summary>
    public IReadOnlyList<string> Names => names;

    /// <summary>The value of column <paramref name="column"/> for customer <paramref name="customer"/>.</summary>
    /// <param name="customer">Row index.</param>
    /// <param name="column">Column index.</param>
    public double this[int customer, int column] => columns[column][customer];

    /// <summary>The values of one column, one per customer.</summary>
    /// <param name="column">Column index.</param>
    /// <returns>The values.</returns>
    public ReadOnlySpan<double> Column(int column) => columns[column];

    /// <summary>A table with no columns for <paramref name="customers"/> customers: the process it is given to has no covariates.</summary>
    /// <param name="customers">How many customers.</param>
    /// <returns>The empty table.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customers"/> is negative.</exception>
    public static CustomerCovariates None(int customers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        return new CustomerCovariates(customers, [], []);
    }

    /// <summary>Adds a numeric column.</summary>
    /// <param name="name">The column's name, unique in the table.</param>
    /// <param name="values">One finite value per customer.</param>
    /// <returns>The table with the column added last.</returns>
    /// <exception cref="ArgumentException">The name is empty or taken, the length differs from <see cref="Customers"/>, or a value is not finite (the message names the customer row).</exception>
    public CustomerCovariates With(string name, ReadOnlySpan<double> values)
    {
        CheckName(name);
        if (values.Length != Customers)
        {
            throw new ArgumentException($"covariate '{name}' has {values.Length} values but the table has {Customers} customers.", nameof(values));
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"covariate '{name}' is {values[i]} for customer row {i}; values must be finite."), nameof(values));
            }
        }

        return new CustomerCovariates(Customers, [.. names, name], [.. columns, values.ToArray()]);
    }

    /// <summary>
    /// Adds a categorical attribute as dummy columns named <c>name=level</c>, one per level other than
    /// <paramref name="referenceLevel"/> in order of first appearance, each 1 for the customers at that level and 0
    /// otherwise (treatment coding). The reference level's customers are 0 in every column, so each coefficient is the
    /// effect of its level relative to the reference.
    /// </summary>
    /// <param name="name">The attribute's name (e.g. <c>channel</c>).</param>
    /// <param name="levels">One level per customer (e.g. <c>web</c>, <c>store</c>, <c>app</c>).</param>
    /// <param name="referenceLevel">The level every other level is compared with; it must occur.</param>
    /// <returns>The table with the dummy columns added last.</returns>
    /// <exception cref="ArgumentException">The length differs from <see cref="Customers"/>, a level is null, the reference level does not occur, or a column name is taken.</exception>
    public CustomerCovariates WithCategory(string name, IReadOnlyList<string> levels, string referenceLevel)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(referenceLevel);
        CheckName(name);
        if (levels.Count != Customers)
        {
            throw new ArgumentException($"category '{name}' has {levels.Count} values but the table has {Customers} customers.", nameof(levels));
        }

        var order = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        bool referenceSeen = false;
        for (int i = 0; i < levels.Count; i++)
        {
            string level = levels[i] ?? throw new ArgumentException($"category '{name}' has no level for customer row {i}.", nameof(levels));
            if (level == referenceLevel)
            {
                referenceSeen = true;
            }
            else if (index.TryAdd(level, order.Count))
            {
                order.Add(level);
            }
        }

        if (!referenceSeen)
        {
            throw new ArgumentException($"the reference level '{referenceLevel}' of category '{name}' occurs for no customer.", nameof(referenceLevel));
        }

        var dummies = new double[order.Count][];
        for (int k = 0; k < dummies.Length; k++)
        {
            dummies[k] = new double[Customers];
        }

        for (int i = 0; i < levels.Count; i++)
        {
            if (index.TryGetValue(levels[i], out int k))
            {
                dummies[k][i] = 1;
            }
        }

        var table = this;
        for (int k = 0; k < dummies.Length; k++)
        {
            table = table.With(name + "=" + order[k], dummies[k]);
        }

        return table;
    }

    /// <summary>A table with the named columns only, in the order given (e.g. the dropout covariates out of one table of attributes).</summary>
    /// <param name="selected">Column names of this table.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentException">A name is not a column of this table.</exception>
    public CustomerCovariates Select(params IReadOnlyList<string> selected)
    {
        ArgumentNullException.ThrowIfNull(selected);
        var table = None(Customers);
        foreach (string name in selected)
        {
            int k = Array.IndexOf(names, name);
            if (k < 0)
            {
                throw new ArgumentException($"'{name}' is not a column of the table (columns: {string.Join(", ", names)}).", nameof(selected));
            }

            table = table.With(name, columns[k]);
        }

        return table;
    }

    /// <summary>Formats as <c>3 covariates (channel=store, channel=app, log first order) for 2,357 customers</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{names.Length} covariates ({string.Join(", ", names)}) for {Customers:#,##0} customers");

    private void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (Array.IndexOf(names, name) >= 0)
        {
            throw new ArgumentException($"the table already has a column '{name}'.", nameof(name));
        }
    }
}
