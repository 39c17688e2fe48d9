namespace CxMetrics.Retention;

/// <summary>
/// Harrell's concordance of a Cox model's linear predictor with the survival times, as R <c>survival::concordance</c>
/// reports it for <c>coxph</c> (Therneau &amp; Watson 2017, "The concordance statistic and the Cox model", vignette of
/// R survival): a pair of the same stratum is comparable when the shorter time is an event (a censored time equal to an
/// event time counts as longer); it is concordant when the shorter-lived has the higher risk score, tied when the scores
/// are equal (one half); pairs weigh <c>wᵢ·wⱼ</c>. The standard error is R's infinitesimal jackknife:
/// <c>var = Σᵢ (wᵢ·((Cᵢ − Dᵢ)/N − (S/N)(Cᵢ + Dᵢ + Tᵢ)))² / 4</c>, with Cᵢ, Dᵢ, Tᵢ the partner-weighted concordant, discordant
/// and tied pairs subject i is in, N the comparable pairs and S Somers' d. O(n log n) with Fenwick trees over the ranks of
/// the predictor.
/// </summary>
internal static class CoxConcordance
{
    public static (double Concordance, double StandardError)? Of(CoxData data, double[] eta)
    {
        int n = data.N;
        double[] unique = [.. eta.Distinct().Order()];
        var rank = new int[n];
        for (int i = 0; i < n; i++)
        {
            rank[i] = Array.BinarySearch(unique, eta[i]) + 1;
        }

        var tree = new double[unique.Length + 1];
        var c = new double[n];
        var d = new double[n];
        var t = new double[n];
        double concordant = 0, discordant = 0, tied = 0;
        double[] time = data.Time, weight = data.Weight;
        double[]? entry = data.Entry;
        bool[] status = data.Status;
        for (int s = 0; s + 1 < data.StratumStart.Length; s++)
        {
            int first = data.StratumStart[s], end = data.StratumStart[s + 1];
            int leave = entry is null ? 0 : data.EntryStart[s], leaveEnd = entry is null ? 0 : data.EntryStart[s + 1];

            // Descending time: each event against the longer-lived (later times, and censored at its own time).
            for (int i = first; i < end;)
            {
                int j = i;
                while (j < end && time[j] == time[i])
                {
                    j++;
                }

                for (int k = i; k < j; k++)
                {
                    if (!status[k])
                    {
                        Add(tree, rank[k], weight[k]);
                    }
                }

                // Delayed entry: a row that entered at or after this time is not at risk here (it is in the tree: its exit is later).
                for (; leave < leaveEnd && entry![data.ByEntry[leave]] >= time[i]; leave++)
                {
                    Add(tree, rank[data.ByEntry[leave]], -weight[data.ByEntry[leave]]);
                }

                for (int k = i; k < j; k++)
                {
                    if (status[k])
                    {
                        (double below, double equal, double above) = Split(tree, rank[k]);
                        c[k] += below;
                        d[k] += above;
                        t[k] += equal;
                        concordant += weight[k] * below;
                        discordant += weight[k] * above;
                        tied += weight[k] * equal;
                    }
                }

                for (int k = i; k < j; k++)
                {
                    if (status[k])
                    {
                        Add(tree, rank[k], weight[k]);
                    }
                }

                i = j;
            }

            for (int k = first; k < end; k++)
            {
                Add(tree, rank[k], -weight[k]);
            }

            // What the removal loop took out was never put back: the tree is empty again only after adding it back.
            for (int e = entry is null ? 0 : data.EntryStart[s]; e < leave; e++)
            {
                Add(tree, rank[data.ByEntry[e]], weight[data.ByEntry[e]]);
            }

            // The ascending pass visits the late rows by increasing entry (ByEntry holds them decreasing).
            int enter = leaveEnd - 1, enterEnd = entry is null ? 0 : data.EntryStart[s];

            // Ascending time: each subject against the events before it (an event at its own time too, if it is censored).
            for (int j = end; j > first;)
            {
                int i = j - 1;
                while (i > first && time[i - 1] == time[j - 1])
                {
                    i--;
                }

                // A late row is the longer-lived partner only of events after its entry: take away those up to its entry
                // (the tree holds the events before this time, and no row's time lies between its entry and this time).
                for (; enter >= enterEnd && entry![data.ByEntry[enter]] < time[i]; enter--)
                {
                    int k = data.ByEntry[enter];
                    (double below, double equal, double above) = Split(tree, rank[k]);
                    c[k] -= above;
                    d[k] -= below;
                    t[k] -= equal;
                }

                for (int k = i; k < j; k++)
                {
                    if (status[k])
                    {
                        Partner(tree, rank[k], c, d, t, k);
                    }
                }

                for (int k = i; k < j; k++)
                {
                    if (status[k])
                    {
                        Add(tree, rank[k], weight[k]);
                    }
                }

                for (int k = i; k < j; k++)
                {
                    if (!status[k])
                    {
                        Partner(tree, rank[k], c, d, t, k);
                    }
                }

                j = i;
            }

            for (int k = first; k < end; k++)
            {
                if (status[k])
                {
                    Add(tree, rank[k], -weight[k]);
                }
            }
        }

        double pairs = concordant + discordant + tied;
        if (!(pairs > 0))
        {
            return null;
        }

        double somers = (concordant - discordant) / pairs;
        double variance = 0;
        for (int i = 0; i < n; i++)
        {
            // A row standing for m identical rows (weight = m·w) adds m·(w·x)² = (m·w·x)²/m, as the m rows would.
            double dfbeta = weight[i] * (((c[i] - d[i]) / pairs) - (somers / pairs * (c[i] + d[i] + t[i])));
            variance += data.Count is null ? dfbeta * dfbeta : dfbeta * dfbeta / data.Count[i];
        }

        return ((somers + 1) / 2, Math.Sqrt(variance / 4));
    }

    private static void Partner(double[] tree, int rank, double[] c, double[] d, double[] t, int k)
    {
        (double below, double equal, double above) = Split(tree, rank);
        c[k] += above;
        d[k] += below;
        t[k] += equal;
    }

    private static (double Below, double Equal, double Above) Split(double[] tree, int rank)
    {
        double below = Prefix(tree, rank - 1);
        double upTo = Prefix(tree, rank);
        double all = Prefix(tree, tree.Length - 1);
        return (below, upTo - below, all - upTo);
    }

    private static void Add(double[] tree, int rank, double value)
    {
        for (int i = rank; i < tree.Length; i += i & -i)
        {
            tree[i] += value;
        }
    }

    private static double Prefix(double[] tree, int rank)
    {
        double sum = 0;
        for (int i = rank; i > 0; i -= i & -i)
        {
            sum += tree[i];
        }

        return sum;
    }
}
