using System.Globalization;

namespace CxMetrics.Benchmarks;

/// <summary>
/// Input sizes for the benchmarks. A normal run measures the full sizes the performance pages quote. With the
/// environment variable <c>CXMETRICS_BENCH_SMOKE=1</c> (set by <c>.ci/run</c> for its <c>--job dry</c> pass) every
/// large input shrinks a hundredfold, so CI still builds and runs every benchmark body once — they cannot rot — without
/// spending minutes generating 100 M-element arrays whose timings a dry run throws away anyway.
/// </summary>
internal static class BenchmarkSize
{
    /// <summary>True when <c>CXMETRICS_BENCH_SMOKE</c> is <c>1</c> or <c>true</c>.</summary>
    public static bool Smoke { get; } = Environment.GetEnvironmentVariable("CXMETRICS_BENCH_SMOKE") is "1" or "true";

    /// <summary><paramref name="full"/>, or a hundredth of it (at least 1,000, at most <paramref name="full"/>) in smoke runs.</summary>
    public static int Of(int full) => Smoke ? Math.Min(full, Math.Max(1_000, full / 100)) : full;

    /// <summary>A one-value parameter source for <c>[ParamsSource]</c>.</summary>
    public static IEnumerable<int> One(int full) => [Of(full)];

    /// <summary>An integer from the environment, when set and positive.</summary>
    public static int? FromEnvironment(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 ? value : null;
}
