using CxMetrics.Portable;
using CxMetrics.Statistics;
using CxMetrics.Tests.Arbitraries;
using FsCheck;
using FsCheck.Fluent;

namespace CxMetrics.Tests.Portable;

/// <summary>
/// The portable form of <see cref="CupedTally"/> (kind 20) beyond the properties every kind shares (<see cref="TallyFormatTests"/>):
/// arms stored per shop and merged after decoding give the read-out of the whole, and payloads no set of units can have
/// (a correlation beyond ±1, spread in one unit, a negative square, an empty tally with −0) are refused with a valid checksum.
/// </summary>
public class CupedPayloadTests
{
    // Field positions in the 48-byte payload: count, ȳ, x̄, Σ(y − ȳ)², Σ(x − x̄)², co-moment.
    private const int Count = 0, OutcomeMean = 8, OutcomeSquares = 24, CovariateSquares = 32, CoMoment = 40;

    [Fact]
    public void Payload_is_the_six_moments_in_64_bytes_and_reads_back_as_the_example()
    {
        var tally = CupedTally.FromSums(4, 60, 40, 1400, 608, 920);
        var bytes = TallyFormat.ToBytes(tally);
        Assert.Equal(TallyFormat.HeaderLength + 48 + TallyFormat.TrailerLength, bytes.Length);
        Assert.Equal(TallyKind.Cuped, TallyFormat.KindOf(bytes));

        // Units (y, x) = (10, 8), (0, 0), (30, 20), (20, 12): ȳ = 15, x̄ = 10, deviations (−5, −15, 15, 5) and (−2, −10, 10, 2).
        var back = TallyFormat.FromBytes<CupedTally>(bytes);
        Assert.Equal((4L, 15.0, 10.0, 500.0, 208.0, 320.0), (back.Count, back.OutcomeMean, back.CovariateMean, back.OutcomeSumOfSquaredDeviations, back.CovariateSumOfSquaredDeviations, back.CoMoment));
        Assert.Contains("\"kind\":\"cuped\"", TallyFormat.ToJson(tally), StringComparison.Ordinal);
    }

    [Fact]
    public void Arms_stored_per_shop_and_merged_after_decoding_give_the_comparison_of_the_whole() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(Arm.Zip(Arm).Zip(Arm.Zip(Arm)).ToArbitrary(), x =>
        {
            var ((treatedA, treatedB), (controlA, controlB)) = x;
            var whole = Cuped.From(Build(treatedA.Concat(treatedB)), Build(controlA.Concat(controlB)));
            var treated = TallyFormat.FromBytes<CupedTally>(TallyFormat.ToBytes(Build(treatedA))).Merge(TallyFormat.FromJson<CupedTally>(TallyFormat.ToJson(Build(treatedB))));
            var control = TallyFormat.FromJson<CupedTally>(TallyFormat.ToJson(Build(controlA))).Merge(TallyFormat.FromBytes<CupedTally>(TallyFormat.ToBytes(Build(controlB))));
            var merged = Cuped.From(treated, control);
            return (Close(whole.Theta, merged.Theta) && Close(whole.Adjusted.Difference, merged.Adjusted.Difference)
                && Close(whole.Adjusted.PValue, merged.Adjusted.PValue) && Close(whole.VarianceRatio, merged.VarianceRatio))
                .Label($"θ {whole.Theta} vs {merged.Theta}; difference {whole.Adjusted.Difference} vs {merged.Adjusted.Difference}; p {whole.Adjusted.PValue} vs {merged.Adjusted.PValue}");
        }));

    [Fact]
    public void Sums_whose_rounding_breaks_cauchy_schwarz_give_a_tally_that_reads_back()
    {
        // A constant covariate of 0.1: Σx² − (Σx)x̄ rounds to a tiny number (clamped at 0) while Σxy − (Σy)x̄ need not vanish.
        double[] y = [3.7, 1.1, 9.4, 0.3, 5.5, 2.2, 8.8];
        var tally = CupedTally.FromSums(y.Length, y.Sum(), 0.1 * y.Length, y.Sum(v => v * v), 0.01 * y.Length, y.Sum(v => 0.1 * v));
        Assert.Equal(0, tally.CovariateSumOfSquaredDeviations);
        Assert.Equal(0, tally.CoMoment); // Σxy − (Σy)x̄ leaves 4.4e-16: clamped to the bound √(Σ(y − ȳ)²·0) = 0
        Assert.Equal(TallyFormat.ToBytes(tally), TallyFormat.ToBytes(TallyFormat.FromBytes<CupedTally>(TallyFormat.ToBytes(tally))));
    }

    [Theory]
    [InlineData(CoMoment, 640.0, "correlation beyond")] // ρ = 640 / √(500 · 208) ≈ 1.98
    [InlineData(CoMoment, -323.0, "correlation beyond")] // just past −√(500 · 208) = −322.49
    [InlineData(OutcomeSquares, -1.0, "the squares ≥ 0")]
    [InlineData(CovariateSquares, -0.0001, "the squares ≥ 0")]
    [InlineData(OutcomeMean, double.NaN, "")]
    public void Payload_with_moments_no_units_can_have_is_refused_even_with_a_valid_checksum(int at, double value, string reason)
    {
        var bytes = Field(TallyFormat.ToBytes(CupedTally.FromSums(4, 60, 40, 1400, 608, 920)), at, BitConverter.DoubleToInt64Bits(value));
        var e = Assert.Throws<TallyFormatException>(() => TallyFormat.FromBytes<CupedTally>(bytes));
        Assert.Equal(TallyFormatError.InvalidContent, e.Error);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_that_cannot_hold_the_moments_are_refused()
    {
        var example = TallyFormat.ToBytes(CupedTally.FromSums(4, 60, 40, 1400, 608, 920));
        Assert.Contains("no spread", Refused(Field(example, Count, 1)).Message, StringComparison.Ordinal);
        Assert.Equal(TallyFormatError.InvalidContent, Refused(Field(example, Count, -4)).Error);
        Assert.Contains("empty tally", Refused(Field(example, Count, 0)).Message, StringComparison.Ordinal);

        // An empty tally is all +0: −0 would equal 0 but write other bytes.
        var empty = TallyFormat.ToBytes(new CupedTally());
        Assert.True(TallyFormat.IsEmpty(empty));
        Assert.Contains("+0", Refused(Field(empty, OutcomeMean, BitConverter.DoubleToInt64Bits(-0.0))).Message, StringComparison.Ordinal);

        // One unit keeps its values (its means) and no spread.
        var one = TallyFormat.FromBytes<CupedTally>(TallyFormat.ToBytes(CupedTally.Of([12.5], [3])));
        Assert.Equal((1L, 12.5, 3.0, 0.0), (one.Count, one.OutcomeMean, one.CovariateMean, one.CoMoment));
    }

    /// <summary>Up to 30 units of an arm: revenue in cents and a pre-period spend correlated with it, 0 for some.</summary>
    private static Gen<(double Outcome, double Covariate)[]> Arm =>
        Gen.Choose(0, 40_000).Zip(Gen.Choose(-5_000, 20_000)).Select(p => (p.Item1 / 100.0, p.Item2 < 0 ? 0 : (p.Item2 + (p.Item1 / 2)) / 100.0)).ArrayOf().Select(a => a.Take(30).ToArray());

    private static CupedTally Build(IEnumerable<(double Outcome, double Covariate)> units)
    {
        var t = new CupedTally();
        foreach (var (y, x) in units)
        {
            t.Add(y, x);
        }

        return t;
    }

    private static bool Close(double? a, double? b) =>
        a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 1e-9 * Math.Max(1, Math.Abs(a.Value));

    /// <summary>The payload with the 8-byte field at <paramref name="at"/> replaced and its checksum recomputed.</summary>
    private static byte[] Field(byte[] bytes, int at, long value) => PortableMutation.Apply(bytes, new PortableMutation(2, at, value));

    private static TallyFormatException Refused(byte[] bytes) => Assert.Throws<TallyFormatException>(() => TallyFormat.FromBytes<CupedTally>(bytes));
}
