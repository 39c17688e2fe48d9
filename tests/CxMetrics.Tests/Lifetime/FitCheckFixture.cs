using CxMetrics.Commerce;
using CxMetrics.Lifetime;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CxMetrics.Tests.Lifetime;

/// <summary>The CDNOW fits the fit-check tests share, and random shops for their properties.</summary>
public static class FitCheckFixture
{
    private static readonly Lazy<BetaGeoNbdModel> LazyBg = new(() => BetaGeoNbd.Fit(CdnowFixture.Summary));
    private static readonly Lazy<ParetoNbdModel> LazyPareto = new(() => ParetoNbd.Fit(CdnowFixture.Summary));
    private static readonly Lazy<ModifiedBetaGeoNbdModel> LazyModified = new(() => ModifiedBetaGeoNbd.Fit(CdnowFixture.Summary.ToRfmData()));

    /// <summary>BG/NBD on CDNOW (Fader, Hardie &amp; Lee 2005).</summary>
    public static BetaGeoNbdModel Bg => LazyBg.Value;

    /// <summary>Pareto/NBD on CDNOW.</summary>
    public static ParetoNbdModel Pareto => LazyPareto.Value;

    /// <summary>MBG/NBD on CDNOW.</summary>
    public static ModifiedBetaGeoNbdModel Modified => LazyModified.Value;

    /// <summary>The three purchase models on CDNOW.</summary>
    public static IEnumerable<IPurchaseModel> All => [Bg, Modified, Pareto];

    /// <summary>Calibration to 1997-09-30 with the 39-week holdout, weeks.</summary>
    public static CustomerSummaryOptions Options { get; } = new() { CalibrationEnd = CdnowFixture.CalibrationEnd, HoldoutEnd = new LocalDate(1998, 6, 30) };

    /// <summary>
    /// A random shop: up to 40 customers with a few orders each over two years from 2024-01-01 (calibration to 2024-12-31,
    /// holdout to 2025-12-31), plus a seed; the BG/NBD parameters drawn over r and a in (0, 4], α in (0, 20], b in (0, 8].
    /// </summary>
    public static Arbitrary<(Order[] Orders, BetaGeoNbdModel Model, int Seed)> Shops { get; } =
        Gen.Choose(0, 39).Zip(Gen.Choose(0, 729)).ArrayOf()
            .Zip(Gen.Choose(1, 400).Four())
            .Zip(Gen.Choose(0, int.MaxValue))
            .Select(t => (
                t.Item1.Item1.Select((o, i) => new Order($"c{o.Item1}", Instant.FromUtc(2024, 1, 1, 12, 0).Plus(Duration.FromDays(o.Item2)), i % 7, "EUR")).ToArray(),
                Bg with
                {
                    R = Bg.R with { Value = t.Item1.Item2.Item1 / 100.0 },
                    Alpha = Bg.Alpha with { Value = t.Item1.Item2.Item2 / 20.0 },
                    A = Bg.A with { Value = t.Item1.Item2.Item3 / 100.0 + 0.01 },
                    B = Bg.B with { Value = t.Item1.Item2.Item4 / 50.0 }, // a + b from 0.03: eq. 7's ₂F₁ has a third argument a + b − 1 ≤ 0 for some shops
                },
                t.Item2))
            .ToArbitrary();

    /// <summary>The options of <see cref="Shops"/>.</summary>
    public static CustomerSummaryOptions ShopOptions { get; } = new() { CalibrationEnd = new LocalDate(2024, 12, 31), HoldoutEnd = new LocalDate(2025, 12, 31) };
}
