namespace CxMetrics.Retention;

/// <summary>A design turned into numbers: the coefficient columns (numeric values and 0/1 indicators), their means, and the strata codes.</summary>
internal sealed class CoxEncoding
{
    private CoxEncoding(string[] names, double[][] columns, double[] means, CoxTerm[] terms, int[] strata, string[] strataNames, string? strataName)
    {
        Names = names;
        Columns = columns;
        Means = means;
        Terms = terms;
        Strata = strata;
        StrataNames = strataNames;
        StrataName = strataName;
    }

    public string[] Names { get; }

    /// <summary>Column-major values, one array of n per coefficient (not centred).</summary>
    public double[][] Columns { get; }

    /// <summary>The column means the fit centres on (R centres too: β is unchanged, exp(η) stays in range).</summary>
    public double[] Means { get; }

    public CoxTerm[] Terms { get; }

    /// <summary>The stratum code of each row (0 without strata).</summary>
    public int[] Strata { get; }

    public string[] StrataNames { get; }

    public string? StrataName { get; }

    // counts: the frequency of each row (null: one each); the means are those of the rows repeated.
    public static CoxEncoding Of(CoxDesign design, int n, int[]? counts = null)
    {
        var names = new List<string>();
        var columns = new List<double[]>();
        var terms = new List<CoxTerm>();
        foreach (var column in design.Columns)
        {
            if (column.Numbers is { } numbers)
            {
                terms.Add(new CoxTerm(column.Name, names.Count, null, null));
                names.Add(column.Name);
                columns.Add(numbers);
                continue;
            }

            string[] values = column.Levels!;
            string reference = column.Reference!;
            var distinct = new SortedSet<string>(values, StringComparer.Ordinal);
            if (n > 0 && !distinct.Contains(reference))
            {
                throw new ArgumentException($"the reference level '{reference}' of '{column.Name}' does not occur in the data (levels: {string.Join(", ", distinct.Take(10))}).", nameof(design));
            }

            distinct.Remove(reference);
            string[] levels = [.. distinct];
            terms.Add(new CoxTerm(column.Name, names.Count, levels, reference));
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int l = 0; l < levels.Length; l++)
            {
                index[levels[l]] = l;
                names.Add(column.Name + "=" + levels[l]);
                columns.Add(new double[n]);
            }

            int first = columns.Count - levels.Length;
            for (int i = 0; i < n; i++)
            {
                if (index.TryGetValue(values[i], out int l))
                {
                    columns[first + l][i] = 1;
                }
            }
        }

        var means = new double[columns.Count];
        double rows = counts is null ? n : counts.Sum(c => (double)c);
        for (int j = 0; j < means.Length; j++)
        {
            double sum = 0;
            var values = columns[j];
            for (int i = 0; i < values.Length; i++)
            {
                sum += counts is null ? values[i] : values[i] * counts[i];
            }

            means[j] = n > 0 ? sum / rows : 0;
        }

        var strata = new int[n];
        string[] strataNames = [];
        if (design.Strata is { } keys)
        {
            strataNames = [.. new SortedSet<string>(keys, StringComparer.Ordinal)];
            var code = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int s = 0; s < strataNames.Length; s++)
            {
                code[strataNames[s]] = s;
            }

            for (int i = 0; i < n; i++)
            {
                strata[i] = code[keys[i]];
            }
        }

        return new CoxEncoding([.. names], [.. columns], means, [.. terms], strata, strataNames, design.StrataName);
    }

    /// <summary>The centred covariate vector of a one-row profile and its stratum index (0 without strata).</summary>
    public (double[] X, int Stratum) Profile(CoxDesign profile, string paramName)
    {
        ArgumentNullException.ThrowIfNull(profile, paramName);
        if (profile.Rows != 1)
        {
            throw new ArgumentException($"a covariate profile has one row; this design has {profile.Rows}.", paramName);
        }

        var x = new double[Names.Length];
        foreach (var term in Terms)
        {
            var column = profile.Columns.FirstOrDefault(c => c.Name == term.Name)
                ?? throw new ArgumentException($"the profile has no value for '{term.Name}'.", paramName);
            if (term.Levels is null)
            {
                x[term.First] = column.Numbers?[0] ?? throw new ArgumentException($"'{term.Name}' is numeric in the model.", paramName);
                continue;
            }

            string level = column.Levels?[0] ?? throw new ArgumentException($"'{term.Name}' is categorical in the model.", paramName);
            int at = Array.IndexOf(term.Levels, level);
            if (at < 0 && level != term.Reference)
            {
                throw new ArgumentException($"'{level}' is not a level of '{term.Name}' in the model.", paramName);
            }

            if (at >= 0)
            {
                x[term.First + at] = 1;
            }
        }

        for (int j = 0; j < x.Length; j++)
        {
            x[j] -= Means[j];
        }

        int stratum = 0;
        if (StrataNames.Length > 0)
        {
            string key = profile.Strata?[0] ?? throw new ArgumentException($"the model is stratified by '{StrataName}'; the profile names no stratum.", paramName);
            stratum = Array.IndexOf(StrataNames, key);
            if (stratum < 0)
            {
                throw new ArgumentException($"'{key}' is not a stratum of the model.", paramName);
            }
        }

        return (x, stratum);
    }
}

/// <summary>A term of the design and where its coefficients start; <see cref="Levels"/> are the non-reference levels of a categorical term.</summary>
internal sealed record CoxTerm(string Name, int First, string[]? Levels, string? Reference);
