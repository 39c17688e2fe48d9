using System.Collections;

namespace CxMetrics.Retention;

/// <summary>
/// The steps of a Kaplan–Meier curve held as parallel arrays (time, at risk, events, censored, S, Greenwood sum) and
/// materialised as <see cref="KaplanMeierStep"/> values on access: a million-step curve costs six doubles per step,
/// not a record each.
/// </summary>
internal sealed class KaplanMeierCurve : IReadOnlyList<KaplanMeierStep>
{
    private readonly double[] times;
    private readonly double[] atRisk;
    private readonly double[] events;
    private readonly double[] censored;
    private readonly double[] survival;
    private readonly double[] greenwood;
    private readonly double z;
    private readonly KaplanMeierOptions options;

    public KaplanMeierCurve(double[] times, double[] atRisk, double[] events, double[] censored, double[] survival, double[] greenwood, double z, KaplanMeierOptions options)
    {
        this.times = times;
        this.atRisk = atRisk;
        this.events = events;
        this.censored = censored;
        this.survival = survival;
        this.greenwood = greenwood;
        this.z = z;
        this.options = options;
    }

    public int Count => times.Length;

    public KaplanMeierStep this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)times.Length, nameof(index));
            double s = survival[index], g = greenwood[index];
            bool defined = Defined(index);
            return new KaplanMeierStep
            {
                Time = times[index],
                AtRisk = atRisk[index],
                Events = events[index],
                Censored = censored[index],
                Survival = s,
                StandardError = defined ? s * Math.Sqrt(g) : null,
                Interval = defined ? KaplanMeier.Interval(s, Math.Sqrt(g), z, options) : null,
            };
        }
    }

    public double Time(int index) => times[index];

    public double Survival(int index) => survival[index];

    /// <summary>The lower (or upper) confidence band at a step, NaN where it is undefined.</summary>
    public double Band(int index, bool upper)
    {
        if (!Defined(index) || KaplanMeier.Interval(survival[index], Math.Sqrt(greenwood[index]), z, options) is not { } ci)
        {
            return double.NaN;
        }

        return upper ? ci.Upper : ci.Lower;
    }

    public IEnumerator<KaplanMeierStep> GetEnumerator()
    {
        for (int i = 0; i < times.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private bool Defined(int index) => survival[index] > 0 && double.IsFinite(greenwood[index]);
}
