using System.Globalization;
using System.Text;

namespace CxMetrics.Benchmarks.Tool;

/// <summary>
/// Deterministic CSV inputs for measuring the <c>cxmetrics</c> tool as a whole process (docs/performance.md, "The tool,
/// streaming"): survey responses in the tool's <c>nps.csv</c> layout, and orders in its <c>orders.csv</c> layout from
/// customers with a realistic repeat-purchase pattern, and ticket summaries in its <c>tickets.csv</c> layout. Same seed, same
/// bytes. Run <c>dotnet run -c Release --project benchmarks/CxMetrics.Benchmarks -- generate-tool-workloads DIR [SURVEYS] [ORDERS] [CUSTOMERS] [TICKETS]</c>
/// (defaults 5,000,000 survey rows; 10,000,000 orders of 1,000,000 customers; 3,000,000 tickets); write DIR outside the repository.
/// </summary>
internal static class ToolWorkloads
{
    /// <summary>Midnight UTC of the first day of the two years the data covers.</summary>
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private const int Days = 730;

    private static readonly string[] Channels = ["email", "web", "app", "sms", "phone"];
    private static readonly string[] Touchpoints = ["checkout", "delivery", "support", "returns", "onboarding", "billing", "search", "account"];
    private static readonly string[] Segments = ["new", "returning", "vip", "b2b"];

    /// <summary>
    /// <paramref name="rows"/> survey responses in time order over two years: <c>response_id, customer_id, answered_at,
    /// score, channel, touchpoint, segment</c>; scores 0–10 skewed towards 8–10 (NPS ≈ +30), 3% unanswered.
    /// </summary>
    public static void WriteSurveys(string path, int rows, int seed = 14)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("response_id,customer_id,answered_at,score,channel,touchpoint,segment\n");
        long span = TimeSpan.FromDays(Days).Ticks;
        // Cumulative shares of the scores 0..10 (weights 2,1,1,2,2,4,6,10,20,24,28 of 100).
        int[] weights = [2, 1, 1, 2, 2, 4, 6, 10, 20, 24, 28];
        for (int i = 0; i < rows; i++)
        {
            var at = Start.AddTicks(span / rows * i + random.NextInt64(span / rows + 1) / 2);
            int pick = random.Next(100), score = 0;
            while (pick >= weights[score])
            {
                pick -= weights[score];
                score++;
            }

            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"r{i},c{random.Next(rows / 5 + 1)},{at:yyyy-MM-ddTHH:mm:ssZ},{(random.Next(100) < 3 ? string.Empty : score.ToString(CultureInfo.InvariantCulture))},{Channels[random.Next(Channels.Length)]},{Touchpoints[random.Next(Touchpoints.Length)]},{Segments[random.Next(Segments.Length)]}\n"));
        }
    }

    /// <summary>
    /// Exactly <paramref name="orders"/> orders of <paramref name="customers"/> customers over two years, in time order:
    /// <c>order_id, customer_id, placed_at, amount, currency, channel, segment</c> (EUR). Each customer arrives uniformly in
    /// the two years, buys at a gamma-distributed rate (shape 0.6, so most buy once or twice and a few buy very often) while
    /// active, and stops after an exponential lifetime (mean 300 days) — the BG/NBD picture; amounts are log-normal around a
    /// per-customer mean. Order counts are then nudged, one at a time on random customers, to the exact total.
    /// </summary>
    public static void WriteOrders(string path, int orders, int customers, int seed = 14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(orders, customers);
        var random = new Random(seed);
        var first = new double[customers];
        var active = new double[customers];
        var counts = new int[customers];
        var meanSpend = new double[customers];
        long total = 0;
        double meanRepeats = (double)(orders - customers) / customers;
        for (int c = 0; c < customers; c++)
        {
            first[c] = random.NextDouble() * Days;
            active[c] = Math.Min(-300 * Math.Log(1 - random.NextDouble()), Days - first[c]);
            double rate = Gamma(random, 0.6) / 0.6 * meanRepeats / 220; // repeats per active day, scaled to the target mean
            counts[c] = 1 + Poisson(random, rate * active[c]);
            meanSpend[c] = Math.Exp(3.5 + (0.6 * Normal(random)));
            total += counts[c];
        }

        while (total != orders)
        {
            int c = random.Next(customers);
            if (total < orders && active[c] > 1)
            {
                counts[c]++;
                total++;
            }
            else if (total > orders && counts[c] > 1)
            {
                counts[c]--;
                total--;
            }
        }

        var ticks = new long[orders];
        var who = new int[orders];
        int n = 0;
        long day = TimeSpan.TicksPerDay;
        for (int c = 0; c < customers; c++)
        {
            ticks[n] = (long)(first[c] * day);
            who[n++] = c;
            for (int k = 1; k < counts[c]; k++)
            {
                ticks[n] = (long)((first[c] + (random.NextDouble() * active[c])) * day);
                who[n++] = c;
            }
        }

        Array.Sort(ticks, who);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("order_id,customer_id,placed_at,amount,currency,channel,segment\n");
        for (int i = 0; i < orders; i++)
        {
            int c = who[i];
            decimal amount = Math.Round((decimal)(meanSpend[c] * Math.Exp(0.3 * Normal(random))), 2);
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"o{i},c{c:D7},{Start.AddTicks(ticks[i]):yyyy-MM-ddTHH:mm:ssZ},{amount:0.00},EUR,{Channels[random.Next(3)]},{Segments[c % Segments.Length]}\n"));
        }
    }

    private static readonly string[] TicketChannels = ["email", "chat", "web", "phone"];
    private static readonly string[] Priorities = ["low", "normal", "normal", "high", "urgent"];
    private static readonly string[] Groups = ["tier1", "tier2", "billing", "returns"];

    /// <summary>
    /// <paramref name="rows"/> ticket summaries (one row per ticket) in creation order over two years, in the tool's
    /// <c>tickets.csv</c> summary layout: <c>ticket_id, created_at, first_reply_at, solved_at, status, channel, priority,
    /// agent_group, customer_id, reopens</c>. First replies after a log-normal delay (median ≈ 2 h), resolutions after
    /// another (median ≈ 1 day); 4% never replied, 6% still open, 8% reopened once.
    /// </summary>
    public static void WriteTickets(string path, int rows, int seed = 14)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("ticket_id,created_at,first_reply_at,solved_at,status,channel,priority,agent_group,customer_id,reopens\n");
        long span = TimeSpan.FromDays(Days).Ticks;
        for (int i = 0; i < rows; i++)
        {
            var created = Start.AddTicks(span / rows * i + random.NextInt64(span / rows + 1) / 2);
            bool replied = random.Next(100) >= 4;
            bool open = random.Next(100) < 6;
            var reply = created.AddHours(Math.Exp(Math.Log(2) + (1.2 * Normal(random))));
            var solved = (replied ? reply : created).AddHours(Math.Exp(Math.Log(24) + (1.0 * Normal(random))));
            string replyText = replied ? reply.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : string.Empty;
            string solvedText = open ? string.Empty : solved.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"t{i},{created:yyyy-MM-ddTHH:mm:ssZ},{replyText},{solvedText},{(open ? "open" : "solved")},{TicketChannels[random.Next(TicketChannels.Length)]},{Priorities[random.Next(Priorities.Length)]},{Groups[random.Next(Groups.Length)]},c{random.Next(rows / 3 + 1)},{(random.Next(100) < 8 ? 1 : 0)}\n"));
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Gamma(shape, 1) by Marsaglia–Tsang (with the boost for shape &lt; 1).</summary>
    private static double Gamma(Random random, double shape)
    {
        if (shape < 1)
        {
            return Gamma(random, shape + 1) * Math.Pow(random.NextDouble(), 1 / shape);
        }

        double d = shape - (1.0 / 3), c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = Normal(random), v = 1 + (c * x);
            if (v <= 0)
            {
                continue;
            }

            v = v * v * v;
            double u = random.NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v;
            }
        }
    }

    private static int Poisson(Random random, double mean)
    {
        if (mean > 30)
        {
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Normal(random))));
        }

        double limit = Math.Exp(-mean), p = 1;
        int k = -1;
        do
        {
            k++;
            p *= random.NextDouble();
        }
        while (p > limit);
        return k;
    }
}
