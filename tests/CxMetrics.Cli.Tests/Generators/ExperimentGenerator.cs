using CxMetrics.Internal;
using CxMetrics.Experiments;
using NodaTime;

namespace CxMetrics.Cli.Tests.Generators;

/// <summary>
/// The generator of the bundled synthetic retention-offer experiment (<c>samples/shop/assignments.csv</c> and
/// <c>outcomes.csv</c>, written by <see cref="BundledShop"/>; the design is <see cref="Sample.ExperimentSample"/>): lapsing
/// customers of three segments randomised 40/20/20/20 into control, 10% off, 15% off and free shipping, outcome = an
/// order within 30 days, with true effects that differ by segment.
/// </summary>
internal static class ExperimentGenerator
{
    private static readonly string[] Arms = ["control", "10% off", "15% off", "free shipping"];
    private static readonly string[] Segments = ["new", "returning", "vip"];

    public static (IReadOnlyList<Assignment> Assignments, IReadOnlyList<OutcomeEvent> Events) Generate(ulong seed = 2025)
    {
        var random = new SplitMix64(seed);
        var start = Instant.FromUtc(2025, 10, 1, 0, 0);
        var assignments = new List<Assignment>();
        var events = new List<OutcomeEvent>();
        for (int i = 0; i < 24_000; i++)
        {
            int segment = random.Pick([0.5, 0.4, 0.1]);
            int arm = random.Pick([0.4, 0.2, 0.2, 0.2]);
            var at = start + Duration.FromMinutes(random.NextInt(90 * 24 * 60));
            string customer = $"L{i:D6}";
            assignments.Add(new Assignment(customer, Arms[arm], at) { Segment = Segments[segment] });
            double rate = Rate(segment, arm);
            if (random.NextDouble() < rate)
            {
                var when = at + Duration.FromMinutes(random.NextInt(30 * 24 * 60));
                double basket = 25 + (60 * -Math.Log(1 - random.NextDouble())); // heavy right tail
                decimal discount = arm switch { 1 => 0.90m, 2 => 0.85m, _ => 1m };
                events.Add(new OutcomeEvent(customer, when, Math.Round((decimal)basket * discount, 2), "EUR"));
            }
        }

        return (assignments, events);
    }

    private static double Rate(int segment, int arm) => (segment, arm) switch
    {
        (0, 3) => 0.16,
        (0, _) => 0.10 + (0.01 * arm),
        (1, 2) => 0.21,
        (1, _) => 0.16 + (0.01 * arm),
        _ => 0.30,
    };
}
